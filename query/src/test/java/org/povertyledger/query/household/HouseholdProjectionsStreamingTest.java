package org.povertyledger.query.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyledger.query.household.HouseholdEventsFixture.COMMUNE;
import static org.povertyledger.query.household.HouseholdEventsFixture.assessed;
import static org.povertyledger.query.household.HouseholdEventsFixture.corrected;
import static org.povertyledger.query.household.HouseholdEventsFixture.moved;
import static org.povertyledger.query.household.HouseholdEventsFixture.registered;
import static org.povertyledger.query.household.HouseholdEventsFixture.statusChanged;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.household.config.HouseholdQueryConfiguration;
import org.povertyledger.query.support.EmbeddedMongo;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.household.query.FindHouseholdHistoryQuery;
import org.povertyledger.shared.household.query.FindHouseholdQuery;
import org.povertyledger.shared.household.query.HistoryEntry;
import org.povertyledger.shared.household.value.PovertyStatus;

import com.mongodb.client.MongoDatabase;

/**
 * Both projections behind real pooled streaming processors (two segments, batches of up to 100 events)
 * fed from an in-memory event store: handler parameters are resolved by Axon, a catch-up is written in
 * a few bulk writes, and a reset followed by a replay rebuilds the same documents.
 */
class HouseholdProjectionsStreamingTest {

    private static final int HOUSEHOLDS = 30;
    private static final LocalDate DEC_2023 = LocalDate.of(2023, 12, 15);
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private MongoDatabase database;
    private Configuration axon;
    private final List<EventMessage<?>> published = new ArrayList<>();

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        axon = configuration(database, 100, 2);
    }

    private static Configuration configuration(MongoDatabase target, int batchSize, int segments) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        configurer.eventProcessing()
                .usingPooledStreamingEventProcessors((c, builder) -> builder.batchSize(batchSize)
                        .initialSegmentCount(segments))
                .registerTokenStore(c -> new InMemoryTokenStore())
                .registerEventHandler(c -> new HouseholdViewProjection(target))
                .registerEventHandler(c -> new HouseholdHistoryProjection(target));
        new HouseholdQueryConfiguration().householdProjectionErrorHandling().configureModule(configurer);
        return configurer.buildConfiguration();
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
    }

    private void publish(String householdId, long sequence, Object payload) {
        DomainEventMessage<?> message = new GenericDomainEventMessage<>("Household", householdId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, "officer-" + householdId, MetadataKeys.CORRELATION_ID, "c-" + sequence),
                householdId + "/" + sequence, T0.plusSeconds(published.size()));
        axon.eventStore().publish(message);
        published.add(message);
    }

    /** Per household: registration, an assessment, its status change, a move, a correction. */
    private void publishHistories() {
        for (int i = 0; i < HOUSEHOLDS; i++) {
            String id = String.format("HH-%03d", i);
            publish(id, 0, registered(id));
            publish(id, 1, assessed(id, 2023, DEC_2023, PovertyStatus.POOR));
            publish(id, 2, statusChanged(id, PovertyStatus.UNASSESSED, PovertyStatus.POOR, id + "/1", 2023, DEC_2023));
            publish(id, 3, moved(id, COMMUNE, "Ban Moi", 5, DEC_2023.plusMonths(2)));
            publish(id, 4, corrected(id, id + "/1", id + "/1", 2023, DEC_2023, PovertyStatus.POOR,
                    PovertyStatus.NEAR_POOR));
        }
    }

    private PooledStreamingEventProcessor processor(String name) {
        return axon.eventProcessingConfiguration().eventProcessor(name, PooledStreamingEventProcessor.class)
                .orElseThrow();
    }

    /**
     * Both segments are past the last event (positions are 0-based in the in-memory store). A fresh
     * processor starts from a replay token up to the head, so "replaying" is no criterion here.
     */
    private boolean caughtUp(String name) {
        return caughtUp(axon, name, 2);
    }

    private boolean caughtUp(Configuration configuration, String name, int segments) {
        long last = published.size() - 1L;
        var status = configuration.eventProcessingConfiguration()
                .eventProcessor(name, PooledStreamingEventProcessor.class).orElseThrow().processingStatus();
        return status.size() == segments && status.values().stream()
                .allMatch(s -> s.getCurrentPosition().orElse(-1) >= last);
    }

    private void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not caught up within 30 seconds; " + published.size()
                        + " events published; view: " + processor(HouseholdViewProjection.PROCESSING_GROUP)
                        .processingStatus() + "; history: " + processor(HouseholdHistoryProjection.PROCESSING_GROUP)
                        .processingStatus());
            }
            Thread.sleep(20);
        }
    }

    private Map<String, Document> all(String collection) {
        return all(database, collection);
    }

    private static Map<String, Document> all(MongoDatabase source, String collection) {
        Map<String, Document> documents = new TreeMap<>();
        source.getCollection(collection).find().forEach(d -> documents.put(d.getString("_id"), d));
        return documents;
    }

    @Test
    void aCatchUpInBatchesOnTwoSegmentsBuildsTheSameDocumentsAsOneEventAtATime() throws InterruptedException {
        publishHistories();
        MongoDatabase oneByOne = mongo.freshDatabase();
        Configuration single = configuration(oneByOne, 1, 1);
        try {
            published.forEach(message -> single.eventStore().publish(message));
            axon.start();
            single.start();
            await(() -> caughtUp(HouseholdViewProjection.PROCESSING_GROUP)
                    && caughtUp(HouseholdHistoryProjection.PROCESSING_GROUP)
                    && caughtUp(single, HouseholdViewProjection.PROCESSING_GROUP, 1)
                    && caughtUp(single, HouseholdHistoryProjection.PROCESSING_GROUP, 1));

            for (String collection : List.of(HouseholdViewDocument.COLLECTION, HouseholdHistoryDocument.COLLECTION)) {
                Map<String, Document> batched = all(collection);
                assertThat(batched).as(collection).hasSize(HOUSEHOLDS);
                assertThat(batched).as(collection).isEqualTo(all(oneByOne, collection));
            }
        } finally {
            single.shutdown();
        }
    }

    @Test
    void theProjectionsIsolateTheirFailuresByPropagatingThem() {
        assertThat(axon.eventProcessingConfiguration()
                .listenerInvocationErrorHandler(HouseholdViewProjection.PROCESSING_GROUP))
                .isInstanceOf(PropagatingErrorHandler.class);
        assertThat(axon.eventProcessingConfiguration()
                .listenerInvocationErrorHandler(HouseholdHistoryProjection.PROCESSING_GROUP))
                .isInstanceOf(PropagatingErrorHandler.class);
    }

    @Test
    void aCatchUpAppliesEveryEventInAFewBulkWrites() throws InterruptedException {
        publishHistories();
        mongo.resetCounts();

        axon.start();
        await(() -> caughtUp(HouseholdViewProjection.PROCESSING_GROUP)
                && caughtUp(HouseholdHistoryProjection.PROCESSING_GROUP));

        HouseholdQueryHandler queries = new HouseholdQueryHandler(database);
        var view = queries.handle(new FindHouseholdQuery("HH-007", null)).orElseThrow();
        assertThat(view.status()).isEqualTo(PovertyStatus.NEAR_POOR);
        assertThat(view.village()).isEqualTo("Ban Moi");
        assertThat(view.position()).isEqualTo(7 * 5 + 4);
        assertThat(queries.handle(new FindHouseholdQuery("HH-007", DEC_2023.plusMonths(1))).orElseThrow().village())
                .isEqualTo("Ban Na");

        List<HistoryEntry> entries = queries.handle(new FindHouseholdHistoryQuery("HH-007")).orElseThrow().entries();
        assertThat(entries).extracting(HistoryEntry::eventId)
                .containsExactly("HH-007/0", "HH-007/1", "HH-007/2", "HH-007/3", "HH-007/4");
        assertThat(entries).extracting(HistoryEntry::actorId).containsOnly("officer-HH-007");
        assertThat(entries.get(4).statusAfter()).isEqualTo(PovertyStatus.NEAR_POOR);

        assertThat(all(HouseholdViewDocument.COLLECTION)).hasSize(HOUSEHOLDS);
        int events = published.size();
        assertThat(mongo.count("update", HouseholdViewDocument.COLLECTION))
                .as("bulk writes for %d events of %d households", events, HOUSEHOLDS)
                .isLessThan(HOUSEHOLDS / 3);
        assertThat(mongo.count("find", HouseholdViewDocument.COLLECTION)).isLessThan(HOUSEHOLDS / 3);
        assertThat(mongo.count("update", HouseholdHistoryDocument.COLLECTION)).isLessThan(HOUSEHOLDS / 3);
    }

    @Test
    void aResetFollowedByAReplayRebuildsTheSameDocuments() throws InterruptedException {
        publishHistories();
        axon.start();
        await(() -> caughtUp(HouseholdViewProjection.PROCESSING_GROUP)
                && caughtUp(HouseholdHistoryProjection.PROCESSING_GROUP));
        Map<String, Document> views = all(HouseholdViewDocument.COLLECTION);
        Map<String, Document> histories = all(HouseholdHistoryDocument.COLLECTION);

        for (String name : List.of(HouseholdViewProjection.PROCESSING_GROUP,
                HouseholdHistoryProjection.PROCESSING_GROUP)) {
            PooledStreamingEventProcessor processor = processor(name);
            processor.shutDown();
            processor.resetTokens();
        }
        assertThat(all(HouseholdViewDocument.COLLECTION)).isEmpty();
        assertThat(all(HouseholdHistoryDocument.COLLECTION)).isEmpty();

        processor(HouseholdViewProjection.PROCESSING_GROUP).start();
        processor(HouseholdHistoryProjection.PROCESSING_GROUP).start();
        await(() -> caughtUp(HouseholdViewProjection.PROCESSING_GROUP)
                && caughtUp(HouseholdHistoryProjection.PROCESSING_GROUP));

        assertThat(all(HouseholdViewDocument.COLLECTION)).isEqualTo(views);
        assertThat(all(HouseholdHistoryDocument.COLLECTION)).isEqualTo(histories);
    }
}
