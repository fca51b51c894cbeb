package org.povertyledger.deploy.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.rabbitmq.client.DeliverCallback;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.deploy.feed.FeedTestEvents.Expected;
import org.povertyledger.query.feed.rabbitmq.RabbitFeedPublisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The RabbitMQ publisher against the real broker on 127.0.0.1:5672: a queue bound to the exchange receives every
 * event; stopped and restarted mid-stream, the publisher resumes from its own token, so every event arrives at least
 * once and the duplicates carry the same message id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RabbitPublisherEndToEndTest {

    private static final String EXCHANGE = "povertyledger.test." + UUID.randomUUID();

    @TempDir
    static Path dataDir;

    static TestBroker broker;
    static final Queue<Received> received = new ConcurrentLinkedQueue<>();

    record Received(String messageId, String routingKey, long position, String body) {
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
        registry.add("povertyledger.feed.webhooks.enabled", () -> "false");
        registry.add("povertyledger.feed.rabbitmq.enabled", () -> "true");
        registry.add("povertyledger.feed.rabbitmq.exchange", () -> EXCHANGE);
    }

    /** The consumer's queue is bound before anything is published: a topic exchange keeps nothing for later. */
    @BeforeAll
    static void bindQueue() throws Exception {
        DeliverCallback onMessage = (tag, delivery) -> received.add(new Received(
                delivery.getProperties().getMessageId(), delivery.getEnvelope().getRoutingKey(),
                ((Number) delivery.getProperties().getHeaders().get("position")).longValue(),
                new String(delivery.getBody(), java.nio.charset.StandardCharsets.UTF_8)));
        broker = TestBroker.consume(EXCHANGE, "household.#", onMessage);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        broker.close();
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    MongoLedgerStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void everyEventReachesABoundQueueAtLeastOnceAcrossAStopAndRestartOfThePublisher() throws Exception {
        StreamingEventProcessor publisher = processing.eventProcessor(RabbitFeedPublisher.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        FeedTestEvents events = new FeedTestEvents(eventStore);
        events.appendHistories("HH-R", 1_000, engine.head().position());

        // Stop it once it is publishing, append more while it is down, start it again: it has to resume from its
        // own token to publish the rest.
        await().atMost(Duration.ofMinutes(2)).until(() -> received.size() >= 500);
        publisher.shutDown();
        int beforeRestart = received.size();
        events.appendHistories("HH-R2", 200, engine.head().position());
        assertThat(beforeRestart).isLessThan(events.appended().size());
        publisher.start();

        List<Expected> all = events.appended();
        await().atMost(Duration.ofMinutes(3)).until(() -> received.stream().map(Received::messageId)
                .collect(Collectors.toSet()).size() >= all.size());

        Map<String, Received> byId = received.stream()
                .collect(Collectors.toMap(Received::messageId, Function.identity(), (a, b) -> a));
        for (Expected event : all) {
            Received message = byId.get(event.eventId());
            assertThat(message).as("%s", event).isNotNull();
            assertThat(message.routingKey()).isEqualTo(event.type());
            assertThat(message.position()).isEqualTo(event.position());
            assertThat(FeedClient.JSON.readTree(message.body()).get("id").asText()).isEqualTo(event.eventId());
        }
        long duplicates = received.size() - byId.size();
        // Resumed from its own token: at most the batches in flight at the stop came again, not the whole log.
        assertThat(duplicates).as("duplicates after the restart").isLessThanOrEqualTo(200);
        // Each duplicate is a copy of an event already received, recognisable by its message id.
        assertThat(received.stream().filter(r -> !byId.containsKey(r.messageId()))).isEmpty();
    }
}
