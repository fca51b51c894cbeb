package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.query.indicator.IndicatorProjection;
import org.povertyledger.query.support.ReadModelVersions;
import org.povertyledger.query.support.ReferenceLog;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops and starts the application on one data directory, and resets and replays projections: the
 * ledger and the read models survive a restart, and a replay rebuilds exactly what the live run built.
 */
class RestartAndReplayTest {

    private static final List<String> READ_MODELS = List.of("household_view", "household_history");

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        // Command-line arguments: default properties would lose to application.yml's own values.
        return new SpringApplicationBuilder(PovertyLedgerApplication.class)
                .run("--server.port=0", "--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=",
                        // counts one household history entry per ledger event: no programme structure or rulebook events
                        "--povertyledger.programme.load-reference-on-start=false",
                        "--povertyledger.rulebooks.load-built-in-on-start=false", "--povertyledger.demo.enabled=false");
    }

    private static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static void seed(ApiClient api, int households) {
        for (int i = 0; i < households; i++) {
            String id = "HH-R" + i;
            assertThat(api.post("officer", "/api/households", HouseholdBodies.registration(id, i)).status())
                    .isEqualTo(201);
            for (int year = 2022; year <= 2024; year++) {
                Map<String, Object> assessment = HouseholdBodies.assessment(year, "PERIODIC", year + "-10-01", i + year,
                        "QD-" + year);
                assertThat(api.post("officer", "/api/households/" + id + "/assessments", assessment).status())
                        .isEqualTo(201);
            }
        }
    }

    private static void awaitCaughtUp(ConfigurableApplicationContext context) {
        awaitCaughtUp(context, List.of("household-view", "household-history"));
    }

    /** Waits until each named processor has reached the ledger's head as it is now. */
    static void awaitCaughtUp(ConfigurableApplicationContext context, List<String> processors) {
        long head = context.getBean(MongoLedgerStorageEngine.class).head().position();
        EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String name : processors) {
                StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                        .orElseThrow();
                // A segment stays marked as replaying until it sees an event past its reset position, which after
                // a replay up to the head only a later event provides; having reached the head is what counts.
                assertThat(processor.processingStatus().values()).isNotEmpty().allSatisfy(status -> {
                    assertThat(status.isErrorState()).isFalse();
                    assertThat(status.getCurrentPosition().orElse(0)).isGreaterThanOrEqualTo(head);
                });
            }
        });
    }

    private static Map<String, List<Document>> readModels(ConfigurableApplicationContext context) {
        return collections(context.getBean(MongoDatabase.class), READ_MODELS);
    }

    /** Every document of each collection, by {@code _id}. */
    static Map<String, List<Document>> collections(MongoDatabase database, List<String> names) {
        Map<String, List<Document>> models = new LinkedHashMap<>();
        for (String collection : names) {
            models.put(collection, database.getCollection(collection).find().sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>()));
        }
        return models;
    }

    @Test
    void ledgerAndReadModelsSurviveARestartOnTheSameDataDirectory() {
        long head;
        Map<String, List<Document>> before;
        try (ConfigurableApplicationContext first = start()) {
            seed(api(first), 6);
            awaitCaughtUp(first);
            head = first.getBean(MongoLedgerStorageEngine.class).head().position();
            before = readModels(first);
            assertThat(historyEntries(before)).as("one history entry per event in the ledger").isEqualTo(head);
        }
        try (ConfigurableApplicationContext second = start()) {
            assertThat(second.getBean(MongoLedgerStorageEngine.class).head().position()).isEqualTo(head);
            assertThat(readModels(second)).isEqualTo(before);
            assertThat(api(second).get("auditor", "/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
            assertThat(api(second).get("auditor", "/api/households/HH-R1").status()).isEqualTo(200);
        }
    }

    @Test
    void resettingAndReplayingAProjectionRebuildsExactlyTheLiveDocuments() {
        try (ConfigurableApplicationContext context = start()) {
            seed(api(context), 8);
            awaitCaughtUp(context);
            Map<String, List<Document>> live = readModels(context);
            assertThat(live.get("household_view")).hasSize(8);

            EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
            for (String name : List.of("household-view", "household-history")) {
                StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                        .orElseThrow();
                processor.shutDown();
                processor.resetTokens();
                processor.start();
            }
            awaitCaughtUp(context);
            // A processor's status can name the head a moment before the batch's documents are in the store
            // (seen once in a full run under load): the rebuilt documents must equal the live ones within the bound.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(readModels(context)).isEqualTo(live));
        }
    }

    @Test
    void aReadModelBuiltByAnotherVersionIsRebuiltFromTheLogOnStart() {
        Map<String, List<Document>> built;
        try (ConfigurableApplicationContext first = start()) {
            seed(api(first), 4);
            awaitIndicatorsCaughtUp(first);
            built = indicatorModel(first);
            assertThat(built.get(HOUSEHOLD_FACTS)).hasSize(4);
            MongoDatabase database = first.getBean(MongoDatabase.class);
            assertThat(new ReadModelVersions(database, List.of()).storedVersion(IndicatorProjection.PROCESSING_GROUP))
                    .isEqualTo(IndicatorProjection.READ_MODEL_VERSION);
            // As an older version would have left it: an older version number and a document this one never writes.
            database.getCollection(ReadModelVersions.COLLECTION).updateOne(
                    new Document("_id", IndicatorProjection.PROCESSING_GROUP),
                    new Document("$set", new Document("version", IndicatorProjection.READ_MODEL_VERSION - 1)));
            database.getCollection(HOUSEHOLD_FACTS).insertOne(new Document("_id", "HH-STALE").append("p", 1L));
        }
        try (ConfigurableApplicationContext second = start()) {
            awaitIndicatorsCaughtUp(second);
            assertThat(indicatorModel(second)).isEqualTo(built);
            assertThat(new ReadModelVersions(second.getBean(MongoDatabase.class), List.of())
                    .storedVersion(IndicatorProjection.PROCESSING_GROUP)).isEqualTo(IndicatorProjection.READ_MODEL_VERSION);
        }
    }

    private static final String HOUSEHOLD_FACTS = "indicator_households";

    private static Map<String, List<Document>> indicatorModel(ConfigurableApplicationContext context) {
        return collections(context.getBean(MongoDatabase.class),
                List.of(HOUSEHOLD_FACTS, IndicatorProjection.CELLS, IndicatorProjection.TIME_INDEX));
    }

    private static void awaitIndicatorsCaughtUp(ConfigurableApplicationContext context) {
        long head = context.getBean(MongoLedgerStorageEngine.class).head().position();
        MongoDatabase database = context.getBean(MongoDatabase.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                new ReferenceLog(database, IndicatorProjection.REFERENCE).head().position()).isGreaterThanOrEqualTo(head));
    }

    private static long historyEntries(Map<String, List<Document>> models) {
        long total = 0;
        for (Document history : models.get("household_history")) {
            Object entries = history.get("entries");
            total += entries instanceof Document d ? d.size() : entries instanceof List<?> l ? l.size() : 0;
        }
        return total;
    }
}
