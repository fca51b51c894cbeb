package org.povertyledger.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;
import org.povertyledger.query.household.HouseholdHistoryProjection;
import org.povertyledger.query.household.HouseholdViewProjection;
import org.povertyledger.query.household.config.HouseholdQueryConfiguration;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.StatusTransition;

/**
 * The household read models caught up from the real ledger engine in large batches (1000 positions per read,
 * batches of up to 1000 events, two segments) equal, document for document, the ones built one event at a time
 * (one position per read, batches of one event, one segment), over commits of one and of several events.
 */
class LedgerCatchUpEqualityTest {

    private static final int HOUSEHOLDS = 60;
    private static final LocalDate DEC_2023 = LocalDate.of(2023, 12, 15);
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");
    private static final List<String> COLLECTIONS = List.of("household_view", "household_history");

    @TempDir
    Path dataDir;

    @Test
    void aCatchUpInLargeBatchesBuildsTheSameDocumentsAsOneEventAtATime() throws InterruptedException {
        Serializer serializer = JacksonSerializer.builder().objectMapper(AxonConfiguration.ledgerObjectMapper()).build();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase ledger = client.getDatabase("ledger");
            MongoLedgerStorageEngine writer = engine(ledger, serializer, 100, 1000);
            writer.ensureIndexes();
            long last = appendHistories(writer);

            MongoDatabase batchedTarget = client.getDatabase("batched");
            MongoDatabase singleTarget = client.getDatabase("single");
            Configuration batched = configuration(engine(ledger, serializer, 100, 1000), serializer, batchedTarget,
                    1000, 2);
            Configuration single = configuration(engine(ledger, serializer, 1, 1), serializer, singleTarget, 1, 1);
            try {
                batched.start();
                single.start();
                awaitCaughtUp(batched, 2, last);
                awaitCaughtUp(single, 1, last);
            } finally {
                batched.shutdown();
                single.shutdown();
            }

            for (String collection : COLLECTIONS) {
                Map<String, Document> inBatches = all(batchedTarget, collection);
                assertThat(inBatches).as(collection).hasSize(HOUSEHOLDS);
                assertThat(inBatches).as(collection).isEqualTo(all(singleTarget, collection));
            }
            assertThat(all(batchedTarget, "household_view").get("HH-007").get("position"))
                    .as("the view of HH-007 has applied its last event").isNotNull();
        }
    }

    private static MongoLedgerStorageEngine engine(MongoDatabase database, Serializer serializer, int batchSize,
                                                   int trackedBatchSize) {
        return MongoLedgerStorageEngine.builder().database(database).eventSerializer(serializer)
                .snapshotSerializer(serializer).batchSize(batchSize).trackedBatchSize(trackedBatchSize).build();
    }

    private static Configuration configuration(MongoLedgerStorageEngine engine, Serializer serializer,
                                               MongoDatabase target, int batchSize, int segments) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine);
        configurer.eventProcessing()
                .usingPooledStreamingEventProcessors((c, builder) -> builder.batchSize(batchSize)
                        .initialSegmentCount(segments))
                .registerTokenStore(c -> new InMemoryTokenStore())
                .registerEventHandler(c -> new HouseholdViewProjection(target))
                .registerEventHandler(c -> new HouseholdHistoryProjection(target));
        new HouseholdQueryConfiguration().householdProjectionErrorHandling().configureModule(configurer);
        return configurer.buildConfiguration();
    }

    /**
     * Per household: its registration alone, an assessment with the status change it caused in one commit, a
     * move, then a correction with its status change; returns the last position.
     */
    private static long appendHistories(MongoLedgerStorageEngine engine) {
        int events = 0;
        for (int i = 0; i < HOUSEHOLDS; i++) {
            String id = String.format("HH-%03d", i);
            HouseholdId household = new HouseholdId(id);
            List<List<Object>> commits = List.of(
                    List.of(new HouseholdRegisteredEvent(household, new CommuneCode("01234"), "Ban Na", Area.RURAL,
                            "Lo Van " + i, "Thai", true, 3 + i % 4)),
                    List.of(new AssessmentRecordedEvent(household, 2023, ReviewKind.PERIODIC,
                                    DEC_2023.minusDays(30), Area.RURAL, 1_200_000L,
                                    Livelihood.FARMING_FORESTRY_FISHERY_SALT,
                                    new TreeSet<>(List.of("HEALTH_INSURANCE", "HOUSING_AREA", "DOMESTIC_WATER")),
                                    "QD-12/2023", DEC_2023, "decree-07-2021", 1, 3, PovertyStatus.POOR),
                            statusChanged(household, PovertyStatus.UNASSESSED, PovertyStatus.POOR, id + "/1")),
                    List.of(new HouseholdDetailsUpdatedEvent(household, new CommuneCode("01234"), "Ban Moi",
                            5, DEC_2023.plusMonths(2), "moved after the flood")),
                    List.of(new AssessmentCorrectedEvent(household, id + "/1", id + "/1", 2023, ReviewKind.PERIODIC,
                                    DEC_2023.minusDays(30), Area.RURAL, 2_500_000L, Livelihood.OTHER,
                                    new TreeSet<>(), "QD-15/2023", DEC_2023, "decree-07-2021", 2, 0,
                                    PovertyStatus.POOR, PovertyStatus.NEAR_POOR, "income was typed without a digit"),
                            statusChanged(household, PovertyStatus.POOR, PovertyStatus.NEAR_POOR, id + "/4")));
            long sequence = 0;
            for (List<Object> payloads : commits) {
                List<EventMessage<?>> commit = new ArrayList<>();
                for (Object payload : payloads) {
                    commit.add(new GenericDomainEventMessage<>("Household", id, sequence, payload,
                            Map.of(MetadataKeys.ACTOR_ID, "officer-" + id), id + "/" + sequence,
                            T0.plusSeconds(events)));
                    sequence++;
                    events++;
                }
                engine.appendEvents(commit);
            }
        }
        return events;
    }

    private static HouseholdStatusChangedEvent statusChanged(HouseholdId household, PovertyStatus previous,
                                                             PovertyStatus next, String assessmentId) {
        return new HouseholdStatusChangedEvent(household, previous, next,
                StatusTransition.between(previous, next, false).orElseThrow(), assessmentId, 2023, DEC_2023);
    }

    private static void awaitCaughtUp(Configuration configuration, int segments, long last)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String name : List.of(HouseholdViewProjection.PROCESSING_GROUP,
                HouseholdHistoryProjection.PROCESSING_GROUP)) {
            PooledStreamingEventProcessor processor = configuration.eventProcessingConfiguration()
                    .eventProcessor(name, PooledStreamingEventProcessor.class).orElseThrow();
            while (!(processor.processingStatus().size() == segments && processor.processingStatus().values()
                    .stream().allMatch(s -> s.getCurrentPosition().orElse(-1) >= last))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(name + " not caught up with position " + last + " within 60 s: "
                            + processor.processingStatus());
                }
                Thread.sleep(20);
            }
        }
    }

    private static Map<String, Document> all(MongoDatabase database, String collection) {
        Map<String, Document> documents = new TreeMap<>();
        database.getCollection(collection).find().forEach(d -> documents.put(d.getString("_id"), d));
        return documents;
    }
}
