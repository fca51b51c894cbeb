package org.povertyledger.deploy.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import com.rabbitmq.client.DeliverCallback;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A RabbitMQ publisher configured with a scope ({@code povertyledger.feed.rabbitmq.scope}), against the real broker
 * on 127.0.0.1:5672: of households spread over four communes, only the events of the two communes in scope reach
 * the exchange, each with its unit header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScopedRabbitPublisherEndToEndTest {

    private static final String EXCHANGE = "povertyledger.test.scoped." + UUID.randomUUID();
    private static final Set<String> SCOPE = Set.of("24541", "24547");

    @TempDir
    static Path dataDir;

    static TestBroker broker;
    static final Queue<String[]> received = new ConcurrentLinkedQueue<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
        registry.add("povertyledger.demo.enabled", () -> "false");
        registry.add("povertyledger.feed.webhooks.enabled", () -> "false");
        registry.add("povertyledger.feed.rabbitmq.enabled", () -> "true");
        registry.add("povertyledger.feed.rabbitmq.exchange", () -> EXCHANGE);
        registry.add("povertyledger.feed.rabbitmq.scope[0]", () -> "24541");
        registry.add("povertyledger.feed.rabbitmq.scope[1]", () -> "24547");
    }

    @BeforeAll
    static void bindQueue() throws Exception {
        DeliverCallback onMessage = (tag, delivery) -> received.add(new String[] {
                delivery.getProperties().getMessageId(),
                String.valueOf(delivery.getProperties().getHeaders().get("unit")),
                new String(delivery.getBody(), StandardCharsets.UTF_8)});
        broker = TestBroker.consume(EXCHANGE, "#", onMessage);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        broker.close();
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    MongoLedgerStorageEngine engine;

    @Test
    void onlyEventsOfTheConfiguredUnitsArePublished() throws Exception {
        FeedTestEvents events = new FeedTestEvents(eventStore);
        events.appendHistories("HH-S", 200, engine.head().position());
        List<FeedTestEvents.Expected> all = events.appended();
        Set<String> inScope = all.stream().filter(e -> SCOPE.contains(e.unit()))
                .map(FeedTestEvents.Expected::eventId).collect(Collectors.toSet());
        assertThat(inScope).isNotEmpty().hasSizeLessThan(all.size());

        await().atMost(Duration.ofMinutes(2)).until(() -> received.stream().map(r -> r[0])
                .collect(Collectors.toSet()).containsAll(inScope));
        // the publisher goes in log order: once the last event is past, anything out of scope would be here
        Thread.sleep(2000);
        Set<String> ids = received.stream().map(r -> r[0]).collect(Collectors.toSet());
        assertThat(ids).isEqualTo(inScope);
        assertThat(received).allMatch(r -> SCOPE.contains(r[1]));
        for (String[] message : received) {
            assertThat(FeedClient.JSON.readTree(message[2]).get("unit").asText()).isIn(SCOPE);
        }
    }
}
