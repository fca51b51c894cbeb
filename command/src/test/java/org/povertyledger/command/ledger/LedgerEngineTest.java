package org.povertyledger.command.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.LedgerFixture.Announcement;
import org.povertyledger.command.ledger.LedgerFixture.Assessed;
import org.povertyledger.command.ledger.LedgerFixture.Registered;
import org.povertyledger.shared.common.MetadataKeys;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyledger.command.ledger.LedgerFixture.event;
import static org.povertyledger.command.ledger.LedgerFixture.plainEvent;

/** Aggregate loads, snapshots, tokens, upcasting, idempotency, receipts and the other engine features. */
class LedgerEngineTest {

    @TempDir
    Path dataDir;

    private LedgerFixture fixture;
    private MongoDatabase database;
    private MongoLedgerStorageEngine engine;

    @BeforeEach
    void start() {
        fixture = LedgerFixture.start(dataDir);
        database = fixture.newDatabase();
        engine = LedgerFixture.builder(database).batchSize(50).build();
        engine.ensureIndexes();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void loadsOneAggregateInOrderAcrossBatchesIgnoringOthersInTheSameCommits() {
        // 120 events of "a" in commits of 3, each commit also carrying an event of "b".
        long b = 0;
        for (long a = 0; a < 120; a += 3) {
            engine.appendEvents(event("a", a, new Assessed("a", (int) a)),
                                event("b", b++, new Registered("b", "village")),
                                event("a", a + 1, new Assessed("a", (int) a + 1)),
                                event("a", a + 2, new Assessed("a", (int) a + 2)));
        }
        List<? extends DomainEventMessage<?>> stream = engine.readEvents("a").asStream().toList();
        assertThat(stream).hasSize(120);
        for (int i = 0; i < 120; i++) {
            assertThat(stream.get(i).getSequenceNumber()).isEqualTo(i);
            assertThat(stream.get(i).getAggregateIdentifier()).isEqualTo("a");
            assertThat(stream.get(i).getPayload()).isEqualTo(new Assessed("a", i));
        }
        assertThat(engine.readEvents("a", 70).asStream().map(DomainEventMessage::getSequenceNumber).toList())
                .containsExactlyElementsOf(range(70, 120));
        assertThat(engine.readEvents("b").asStream().count()).isEqualTo(40);
        assertThat(engine.readEvents("nobody").asStream().count()).isZero();

        assertThat(engine.lastSequenceNumberFor("a")).contains(119L);
        assertThat(engine.lastSequenceNumberFor("b")).contains(39L);
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
    }

    @Test
    void aNewerSnapshotReplacesAnOlderOneButNotTheOtherWayRound() {
        engine.storeSnapshot(snapshot("h", 10));
        assertThat(engine.readSnapshot("h")).hasValueSatisfying(s -> {
            assertThat(s.getSequenceNumber()).isEqualTo(10);
            assertThat(s.getPayload()).isEqualTo(new Assessed("h", 10));
        });
        engine.storeSnapshot(snapshot("h", 5));
        assertThat(engine.readSnapshot("h")).hasValueSatisfying(s -> assertThat(s.getSequenceNumber()).isEqualTo(10));
        engine.storeSnapshot(snapshot("h", 15));
        assertThat(engine.readSnapshot("h")).hasValueSatisfying(s -> {
            assertThat(s.getSequenceNumber()).isEqualTo(15);
            assertThat(s.getPayload()).isEqualTo(new Assessed("h", 15));
        });
        assertThat(engine.readSnapshot("other")).isEmpty();
    }

    @Test
    void tokensForTailHeadAndPointInTime() {
        assertThat(engine.createTailToken()).isNull();
        assertThat(engine.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(0));

        Instant t0 = Instant.parse("2025-03-01T08:00:00Z");
        // Ten events one minute apart, in commits of one and two events: positions 1..10, event i at t0 + i - 1.
        long seq = 0;
        for (int position = 1; position <= 10; ) {
            int size = position % 3 == 0 ? 2 : 1;
            List<EventMessage<?>> commit = new ArrayList<>();
            for (int k = 0; k < size && position <= 10; k++, position++) {
                commit.add(new GenericDomainEventMessage<>("Household", "h", seq++, new Assessed("h", position),
                                                           MetaData.emptyInstance(), UUID.randomUUID().toString(),
                                                           t0.plus(Duration.ofMinutes(position - 1))));
            }
            engine.appendEvents(commit);
        }
        assertThat(engine.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(10));
        assertThat(engine.createTokenAt(t0.minusSeconds(3600))).isEqualTo(new GlobalSequenceTrackingToken(0));
        assertThat(engine.createTokenAt(t0.plus(Duration.ofMinutes(3))))
                .isEqualTo(new GlobalSequenceTrackingToken(3));
        assertThat(engine.createTokenAt(t0.plus(Duration.ofSeconds(3 * 60 + 30))))
                .isEqualTo(new GlobalSequenceTrackingToken(4));
        assertThat(engine.createTokenAt(t0.plus(Duration.ofHours(1))))
                .isEqualTo(new GlobalSequenceTrackingToken(10));
        // Reading from a point-in-time token starts at the first event at or after that time.
        assertThat(engine.readEvents(engine.createTokenAt(t0.plus(Duration.ofMinutes(7))), false)
                         .map(TrackedEventMessage::getTimestamp).toList())
                .containsExactly(t0.plus(Duration.ofMinutes(7)), t0.plus(Duration.ofMinutes(8)),
                                 t0.plus(Duration.ofMinutes(9)));
    }

    @Test
    void trackingReadsResumeInsideACommitAndCrossBatches() {
        MongoLedgerStorageEngine smallBatches = LedgerFixture.builder(database).batchSize(3).trackedBatchSize(3).build();
        for (int c = 0; c < 4; c++) {
            List<EventMessage<?>> commit = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                commit.add(event("h", c * 5L + k, new Assessed("h", c * 5 + k)));
            }
            smallBatches.appendEvents(commit);
        }
        assertThat(positions(smallBatches.readEvents(null, false).toList())).containsExactlyElementsOf(range(1, 21));
        // Position 7 is in the middle of the commit 6..10.
        assertThat(positions(smallBatches.readEvents(new GlobalSequenceTrackingToken(7), false).toList()))
                .containsExactlyElementsOf(range(8, 21));
        // A fresh engine (no cached head) starting from the end finds nothing.
        MongoLedgerStorageEngine fresh = LedgerFixture.builder(database).build();
        assertThat(fresh.readEvents(new GlobalSequenceTrackingToken(20), false).count()).isZero();
        assertThat(fresh.readEvents(new GlobalSequenceTrackingToken(19), false).count()).isEqualTo(1);
    }

    @Test
    void upcastersRegisteredWithTheEngineApplyOnRead() {
        // Revision 0 of the assessment called the score "points"; revision 1 renamed it.
        MongoLedgerStorageEngine writer = LedgerFixture.builder(database).build();
        writer.appendEvents(event("h", 0, new AssessedV0("h", 42)), event("h", 1, new Assessed("h", 7)));

        MongoLedgerStorageEngine reader = LedgerFixture.builder(database).upcasterChain(new PointsToScore()).build();
        assertThat(reader.readEvents("h").asStream().<Object>map(EventMessage::getPayload).toList())
                .containsExactly(new Assessed("h", 42), new Assessed("h", 7));
        assertThat(reader.readEvents(null, false).<Object>map(EventMessage::getPayload).toList())
                .containsExactly(new Assessed("h", 42), new Assessed("h", 7));
        // Without the upcaster the old event still reads as it was written.
        assertThat(writer.readEvents("h").asStream().findFirst().orElseThrow().getPayload())
                .isEqualTo(new AssessedV0("h", 42));
    }

    @Test
    void aReplayedRequestIsRejectedWithThePositionOfTheOriginalCommit() {
        Map<String, String> request = Map.of(MetadataKeys.ACTOR_ID, "officer-7",
                                             MetadataKeys.IDEMPOTENCY_KEY, "form-123");
        engine.appendEvents(event("x", 0, new Registered("x", "v")));
        engine.appendEvents(event("h", 0, new Registered("h", "v"), request),
                            event("h", 1, new Assessed("h", 3), request));
        LedgerHead head = engine.head();

        // The retry comes after the original was applied: the next sequence numbers are free, the key is not.
        assertThatThrownBy(() -> engine.appendEvents(event("h", 2, new Registered("h", "v"), request)))
                .isInstanceOfSatisfying(DuplicateRequestException.class, e -> {
                    assertThat(e.existingCommitPosition()).isEqualTo(2);
                    assertThat(e.existingLastPosition()).isEqualTo(3);
                    assertThat(e.requestKey()).isEqualTo("officer-7/form-123");
                });
        // A retry racing the original clashes on the sequence number too; it is still a replayed request.
        assertThatThrownBy(() -> engine.appendEvents(event("h", 1, new Assessed("h", 3), request)))
                .isInstanceOfSatisfying(DuplicateRequestException.class,
                                        e -> assertThat(e.existingCommitPosition()).isEqualTo(2));
        assertThat(engine.head()).isEqualTo(head);

        // The same key from another actor is another request.
        engine.appendEvents(event("h", 2, new Assessed("h", 4), Map.of(MetadataKeys.ACTOR_ID, "officer-8",
                                                                        MetadataKeys.IDEMPOTENCY_KEY, "form-123")));
        assertThat(engine.head().position()).isEqualTo(4);
    }

    @Test
    void sequenceClashesFollowAxonsConventions() {
        engine.appendEvents(event("h", 0, new Registered("h", "v")), event("h", 1, new Assessed("h", 1)));
        LedgerHead head = engine.head();
        assertThatThrownBy(() -> engine.appendEvents(event("h", 1, new Assessed("h", 2))))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("[h] at sequence [1]");
        // Sequence 0 means "create": Axon reports reusing an aggregate id with its own exception type.
        assertThatThrownBy(() -> engine.appendEvents(event("h", 0, new Registered("h", "again"))))
                .isInstanceOf(AggregateStreamCreationException.class);
        // A clash on the second event of a commit leaves no trace of the first.
        assertThatThrownBy(() -> engine.appendEvents(event("k", 0, new Registered("k", "v")),
                                                     event("h", 1, new Assessed("h", 2))))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(engine.readEvents("k").asStream().count()).isZero();
        assertThat(engine.head()).isEqualTo(head);
        assertThat(engine.verifier().verify().ok()).isTrue();
    }

    @Test
    void theReceiptOfTheUnitOfWorkListsWhatWasRecorded() {
        engine.appendEvents(event("x", 0, new Registered("x", "v")));
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        AppendReceipt receipt;
        try {
            engine.appendEvents(event("h", 0, new Registered("h", "v")), event("h", 1, new Assessed("h", 2)));
            engine.appendEvents(plainEvent(new Announcement("closing")));
            receipt = uow.getResource(AppendReceipt.RESOURCE_KEY);
            uow.commit();
        } catch (RuntimeException e) {
            uow.rollback(e);
            throw e;
        }
        assertThat(receipt.events()).extracting(AppendedEvent::position).containsExactly(2L, 3L, 4L);
        assertThat(receipt.lastPosition()).hasValue(4);
        AppendedEvent first = receipt.events().get(0);
        assertThat(first.aggregateId()).isEqualTo("h");
        assertThat(first.sequenceNumber()).isZero();
        assertThat(first.payloadType()).isEqualTo(Registered.class.getName());
        AppendedEvent plain = receipt.events().get(2);
        assertThat(plain.aggregateId()).isNull();
        assertThat(plain.sequenceNumber()).isEqualTo(-1);

        List<? extends TrackedEventMessage<?>> stored = engine.readEvents(new GlobalSequenceTrackingToken(1), false)
                                                              .toList();
        assertThat(receipt.events()).extracting(AppendedEvent::eventId)
                                    .containsExactlyElementsOf(stored.stream().map(EventMessage::getIdentifier)
                                                                     .toList());
        assertThat(receipt.events()).extracting(AppendedEvent::timestamp)
                                    .containsExactlyElementsOf(stored.stream().map(EventMessage::getTimestamp)
                                                                     .toList());
        assertThat(engine.head()).isEqualTo(new LedgerHead(4, plain.hash()));
        assertThat(stored.get(2)).isNotInstanceOf(DomainEventMessage.class);
        assertThat(stored.get(0)).isInstanceOf(DomainEventMessage.class);
    }

    @Test
    void storedDocumentsHaveTheDocumentedShape() {
        engine.appendEvents(event("h", 0, new Registered("h", "v"),
                                  Map.of("zeta", "1", "alpha", "2", MetadataKeys.ACTOR_ID, "officer-1")));
        engine.appendEvents(plainEvent(new Announcement("no aggregate")));
        MongoCollection<Document> events = database.getCollection("events");
        Document first = events.find(Filters.eq("_id", 1L)).first();
        assertThat(first).isNotNull();
        assertThat(first.getLong("last")).isEqualTo(1L);
        assertThat(first.getList("streamKeys", String.class)).containsExactly("h#0");
        Document stored = first.getList("events", Document.class).get(0);
        assertThat(stored.getString("meta")).isEqualTo("{\"actorId\":\"officer-1\",\"alpha\":\"2\",\"zeta\":\"1\"}");
        assertThat(stored.getString("hash")).matches("[0-9a-f]{64}");
        // No stream keys at all (not an empty array) for a commit without aggregate events.
        assertThat(events.find(Filters.eq("_id", 2L)).first()).doesNotContainKey("streamKeys");
    }

    @Test
    void oversizedCommitsAreRefused() {
        List<EventMessage<?>> commit = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            commit.add(event("big", i, new Assessed("big", i)));
        }
        assertThatThrownBy(() -> engine.appendEvents(commit)).isInstanceOf(EventStoreException.class)
                                                             .hasMessageContaining("at most 1000");
        assertThat(engine.head()).isEqualTo(LedgerHead.EMPTY);
    }

    @Test
    void theHeadIsFoundFromTheHintAndABadHintIsIgnored() {
        MongoLedgerStorageEngine hinting = LedgerFixture.builder(database).headHintInterval(3).build();
        for (int i = 0; i < 10; i++) {
            hinting.appendEvents(event("h", i, new Assessed("h", i)));
        }
        Document hint = database.getCollection("ledger_head").find(Filters.eq("_id", "head")).first();
        assertThat(hint).isNotNull();
        assertThat(hint.getLong("position")).isEqualTo(9L);
        hinting.shutdown();
        assertThat(database.getCollection("ledger_head").find().first().getLong("position")).isEqualTo(10L);

        assertThat(LedgerFixture.builder(database).build().head()).isEqualTo(hinting.head());

        // A stale hint is followed forward; a hint past the end is not trusted by the engine.
        for (long bad : new long[]{3, 500}) {
            database.getCollection("ledger_head").replaceOne(Filters.eq("_id", "head"),
                                                             new Document("_id", "head").append("position", bad)
                                                                                        .append("hash", "bogus"));
            MongoLedgerStorageEngine fresh = LedgerFixture.builder(database).build();
            assertThat(fresh.head()).isEqualTo(hinting.head());
            fresh.appendEvents(event("probe-" + bad, 0, new Assessed("probe", 0)));
            assertThat(fresh.head().position()).isEqualTo(hinting.head().position());
        }
        // The verifier, though, reads a hint beyond the chain as a sign of truncation.
        VerificationResult result = hinting.verifier().verify();
        assertThat(result.failure()).isEqualTo(VerificationResult.Failure.GAP);
        assertThat(result.firstBrokenPosition()).isEqualTo(13);
        assertThat(result.reason()).contains("head hint records 500");
    }

    @Test
    void metersCountOutcomesEventsAndTheHead() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MongoLedgerStorageEngine measured = LedgerFixture.builder(database).meterRegistry(meters).build();
        Map<String, String> request = Map.of(MetadataKeys.IDEMPOTENCY_KEY, "once");
        measured.appendEvents(event("h", 0, new Registered("h", "v"), request), event("h", 1, new Assessed("h", 1)));
        assertThatThrownBy(() -> measured.appendEvents(event("h", 1, new Assessed("h", 1))))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> measured.appendEvents(event("h", 2, new Assessed("h", 1), request)))
                .isInstanceOf(DuplicateRequestException.class);

        assertThat(meters.get("ledger.append").tag("outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(meters.get("ledger.append").tag("outcome", "conflict").timer().count()).isEqualTo(1);
        assertThat(meters.get("ledger.append").tag("outcome", "duplicate-request").timer().count()).isEqualTo(1);
        assertThat(meters.get("ledger.append.events").counter().count()).isEqualTo(2);
        assertThat(meters.get("ledger.head.position").gauge().value()).isEqualTo(2);
        assertThat(meters.get("ledger.append.position-retries").counter().count()).isZero();
    }

    private static DomainEventMessage<?> snapshot(String aggregateId, long seq) {
        return new GenericDomainEventMessage<>("Household", aggregateId, seq, new Assessed(aggregateId, (int) seq));
    }

    private static List<Long> range(long fromInclusive, long toExclusive) {
        List<Long> values = new ArrayList<>();
        for (long v = fromInclusive; v < toExclusive; v++) {
            values.add(v);
        }
        return values;
    }

    private static List<Long> positions(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().map(e -> ((GlobalSequenceTrackingToken) e.trackingToken()).getGlobalIndex()).toList();
    }

    /** The old shape of an assessment, as it was once written. */
    record AssessedV0(String householdId, int points) {
    }

    /** Renames {@code points} to {@code score} and retypes old assessments as the current class. */
    static final class PointsToScore extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(AssessedV0.class.getName());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(Assessed.class.getName(), "1"),
                                                JsonNode.class, node -> {
                        ObjectNode object = (ObjectNode) node;
                        object.set("score", object.remove("points"));
                        return object;
                    });
        }
    }
}
