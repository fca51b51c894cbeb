package org.povertyledger.query.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyledger.query.indicator.IndicatorLedger.correction;
import static org.povertyledger.query.indicator.IndicatorLedger.derived;
import static org.povertyledger.query.indicator.IndicatorLedger.household;
import static org.povertyledger.query.indicator.IndicatorLedger.periodic;
import static org.povertyledger.query.indicator.IndicatorLedger.unit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.indicator.config.IndicatorQueryConfiguration;
import org.povertyledger.query.support.EmbeddedMongo;
import org.povertyledger.query.support.RecordedTimeIndex;
import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.geography.value.UnitLevel;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.indicator.query.FindIndicatorValueQuery;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;

import com.mongodb.client.MongoDatabase;

/**
 * The indicator projection behind a real pooled streaming processor (batches of up to 100 events, one
 * segment as configured) fed from an in-memory event store: the answers match the events, and a reset followed
 * by a replay rebuilds exactly the same documents, version histories included.
 */
class IndicatorProjectionStreamingTest {

    private static final int HOUSEHOLDS = 60;
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private MongoDatabase database;
    private Configuration axon;
    private final List<EventMessage<?>> published = new ArrayList<>();

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        configurer.eventProcessing()
                .usingPooledStreamingEventProcessors((c, builder) -> builder.batchSize(100).initialSegmentCount(2))
                .registerTokenStore(c -> new InMemoryTokenStore())
                .registerEventHandler(c -> new IndicatorProjection(database));
        new IndicatorQueryConfiguration().indicatorProcessing(100).configureModule(configurer);
        axon = configurer.buildConfiguration();
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
    }

    private String publish(Object payload) {
        String id = "e" + published.size();
        EventMessage<?> message = new GenericEventMessage<>(id, payload, Map.of(), T0.plusSeconds(published.size()));
        axon.eventStore().publish(message);
        published.add(message);
        return id;
    }

    /** Two communes; households alternate between them; all poor in 2023, every other one poor in 2024. */
    private void publishDistrict() {
        LocalDate start = LocalDate.of(2020, 1, 1);
        publish(unit("66", UnitLevel.PROVINCE, null, start));
        publish(unit("653", UnitLevel.DISTRICT, "66", start));
        publish(unit("24541", UnitLevel.COMMUNE, "653", start));
        publish(unit("24544", UnitLevel.COMMUNE, "653", start));
        publish(derived("POVERTY_RATE", DerivedMeasure.POVERTY_RATE, Direction.LOWER_IS_BETTER));
        List<String> assessments2023 = new ArrayList<>();
        for (int i = 0; i < HOUSEHOLDS; i++) {
            publish(household("HH-" + i, i % 2 == 0 ? "24541" : "24544", true));
        }
        for (int i = 0; i < HOUSEHOLDS; i++) {
            assessments2023.add(publish(periodic("HH-" + i, 2023, PovertyStatus.POOR)));
        }
        for (int i = 0; i < HOUSEHOLDS; i++) {
            publish(periodic("HH-" + i, 2024, i % 4 < 2 ? PovertyStatus.POOR : PovertyStatus.NOT_POOR));
        }
        // Ten 2023 assessments in commune 24541 corrected to NOT_POOR.
        for (int i = 0; i < 20; i += 2) {
            publish(correction("HH-" + i, assessments2023.get(i), 2023, PovertyStatus.POOR, PovertyStatus.NOT_POOR));
        }
    }

    private PooledStreamingEventProcessor processor() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(IndicatorProjection.PROCESSING_GROUP, PooledStreamingEventProcessor.class)
                .orElseThrow();
    }

    private void awaitCaughtUp() throws InterruptedException {
        long last = published.size() - 1L;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var status = processor().processingStatus();
            if (!status.isEmpty() && status.values().stream().allMatch(s -> s.getCurrentPosition().orElse(-1) >= last)
                    && new org.povertyledger.query.support.ReferenceLog(database, IndicatorProjection.REFERENCE)
                    .head().position() >= last) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not caught up: " + status);
            }
            Thread.sleep(20);
        }
    }

    private Map<String, Document> all(String collection) {
        Map<String, Document> documents = new TreeMap<>();
        database.getCollection(collection).find().forEach(d -> documents.put(String.valueOf(d.get("_id")), d));
        return documents;
    }

    private IndicatorQueryHandler queries() {
        return new IndicatorQueryHandler(database, new RecordedTimeIndex(database, IndicatorProjection.TIME_INDEX));
    }

    private String rate(String unit, int year, AsKnownAt knownAt) {
        var value = queries().handle(new FindIndicatorValueQuery("POVERTY_RATE", unit, year, null, knownAt, null))
                .value();
        return value == null ? null : value.toPlainString();
    }

    @Test
    void runsInOneSegmentAndPropagatesFailures() throws InterruptedException {
        publishDistrict();
        axon.start();
        awaitCaughtUp();
        assertThat(processor().processingStatus()).hasSize(1);
        assertThat(axon.eventProcessingConfiguration()
                .listenerInvocationErrorHandler(IndicatorProjection.PROCESSING_GROUP))
                .isInstanceOf(PropagatingErrorHandler.class);
    }

    @Test
    void aCatchUpAnswersEveryYearAndEveryPastPosition() throws InterruptedException {
        publishDistrict();
        axon.start();
        awaitCaughtUp();

        assertThat(rate("24541", 2023, AsKnownAt.NOW)).isEqualTo("66.67");
        assertThat(rate("24544", 2023, AsKnownAt.NOW)).isEqualTo("100.00");
        assertThat(rate("653", 2023, AsKnownAt.NOW)).isEqualTo("83.33");
        assertThat(rate("653", 2024, AsKnownAt.NOW)).isEqualTo("50.00");
        long beforeCorrections = published.size() - 11L;
        assertThat(rate("653", 2023, new AsKnownAt(beforeCorrections, null))).isEqualTo("100.00");
        assertThat(rate("653", 2023, new AsKnownAt(beforeCorrections + 5, null))).isEqualTo("91.67");
        // Halfway through the 2023 review: 25 households assessed, 13 of them in commune 24541.
        long halfway = 5 + HOUSEHOLDS + 24;
        var partial = queries().handle(new FindIndicatorValueQuery("POVERTY_RATE", "24541", 2023, null,
                new AsKnownAt(halfway, null), null));
        assertThat(partial.denominator()).isEqualTo(13);
        assertThat(partial.position()).isEqualTo(halfway);
        // Event i was recorded at T0 + i seconds: a time resolves, through the projection's time index, to the
        // last position recorded by then.
        assertThat(rate("653", 2023, new AsKnownAt(null, T0.plusSeconds(beforeCorrections).plusMillis(999))))
                .isEqualTo("100.00");
        assertThat(rate("653", 2023, new AsKnownAt(null, T0.plusSeconds(beforeCorrections + 5)))).isEqualTo("91.67");
        var byTime = queries().handle(new FindIndicatorValueQuery("POVERTY_RATE", "24541", 2023, null,
                new AsKnownAt(null, T0.plusSeconds(halfway).plusMillis(1)), null));
        assertThat(byTime.position()).isEqualTo(halfway);
        assertThat(byTime.denominator()).isEqualTo(13);
    }

    @Test
    void aResetFollowedByAReplayRebuildsTheSameDocuments() throws InterruptedException {
        publishDistrict();
        axon.start();
        awaitCaughtUp();
        List<String> collections = List.of(IndicatorProjection.CELLS, IndicatorProjection.CELLS + "_history",
                HouseholdFacts.COLLECTION, IndicatorProjection.REFERENCE, IndicatorProjection.REFERENCE + "_head",
                IndicatorProjection.TIME_INDEX);
        Map<String, Map<String, Document>> before = new TreeMap<>();
        collections.forEach(c -> before.put(c, all(c)));
        assertThat(before.get(IndicatorProjection.CELLS + "_history")).isNotEmpty();

        processor().shutDown();
        processor().resetTokens();
        collections.forEach(c -> assertThat(all(c)).as(c).isEmpty());
        processor().start();
        awaitCaughtUp();

        collections.forEach(c -> assertThat(all(c)).as(c).isEqualTo(before.get(c)));
    }
}
