package org.povertyledger.command.ledger;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.LedgerFixture.Assessed;
import org.povertyledger.shared.common.MetadataKeys;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyledger.command.ledger.LedgerFixture.event;
import static org.povertyledger.command.ledger.LedgerFixture.plainEvent;

/**
 * Records every filter the engine sends and checks that each is a shape mongo-java-server answers from a unique
 * index: {@code _id} exact, {@code $in} or the half-open range {@code {$gte, $lt}} (which the embedded store's
 * index walks, see {@code OrderedKeyUniqueIndex}), {@code streamKeys} exact or {@code $in}, {@code requestKey} exact, and
 * the exact {@code {_id, seq}} of the snapshot compare-and-set. No sort, no other range, no aggregation.
 */
class LedgerIndexUseTest {

    @TempDir
    Path dataDir;

    @Test
    void everyQueryTheEngineSendsIsServedByAUniqueIndex() {
        Recorder recorder = new Recorder();
        try (LedgerFixture fixture = LedgerFixture.start(dataDir)) {
            MongoLedgerStorageEngine first = LedgerFixture.builder(fixture.newDatabase(recorder))
                                                          .batchSize(7).trackedBatchSize(7).headHintInterval(3).build();
            MongoLedgerStorageEngine second = LedgerFixture.builder(fixture.newDatabase(recorder))
                                                           .batchSize(7).trackedBatchSize(7).headHintInterval(3).build();
            first.ensureIndexes();

            // Appends, including a taken position (the other engine moved on), a conflict and a replayed request.
            long seq = 0;
            for (int i = 0; i < 12; i++) {
                List<EventMessage<?>> commit = new ArrayList<>();
                for (int k = 0; k <= i % 4; k++) {
                    commit.add(event("h-1", seq++, new Assessed("h-1", i)));
                }
                (i % 3 == 0 ? second : first).appendEvents(commit);
                second.appendEvents(plainEvent(new LedgerFixture.Announcement("tick " + i)));
            }
            assertThatThrownBy(() -> first.appendEvents(event("h-1", 5, new Assessed("h-1", 0))))
                    .isInstanceOf(ConcurrencyException.class);
            Map<String, String> request = Map.of(MetadataKeys.ACTOR_ID, "officer-1",
                                                 MetadataKeys.IDEMPOTENCY_KEY, "req-1");
            first.appendEvents(event("h-2", 0, new Assessed("h-2", 1), request));
            assertThatThrownBy(() -> second.appendEvents(event("h-2", 1, new Assessed("h-2", 1), request)))
                    .isInstanceOf(DuplicateRequestException.class);

            // Aggregate loads and sequence lookups.
            assertThat(first.readEvents("h-1").asStream().count()).isEqualTo(seq);
            assertThat(first.readEvents("h-1", 10).asStream().count()).isEqualTo(seq - 10);
            assertThat(second.lastSequenceNumberFor("h-1")).contains(seq - 1);
            assertThat(second.lastSequenceNumberFor("nobody")).isEmpty();

            // Tracking reads from the start, from inside a commit and from the head; tokens.
            long total = first.readEvents(null, false).count();
            assertThat(first.readEvents(new GlobalSequenceTrackingToken(3), false).count()).isEqualTo(total - 3);
            assertThat(second.readEvents(first.createHeadToken(), false).count()).isZero();
            first.createTokenAt(Instant.now().minusSeconds(3600));
            first.createTokenAt(Instant.now().plusSeconds(3600));

            // Snapshots: first, older (ignored), newer (replaces).
            first.storeSnapshot(new GenericDomainEventMessage<>("Household", "h-1", 10, new Assessed("h-1", 10)));
            second.storeSnapshot(new GenericDomainEventMessage<>("Household", "h-1", 4, new Assessed("h-1", 4)));
            second.storeSnapshot(new GenericDomainEventMessage<>("Household", "h-1", 20, new Assessed("h-1", 20)));
            assertThat(first.readSnapshot("h-1")).isPresent();

            // Verification, head discovery from the hint by a fresh engine, shutdown hint.
            assertThat(first.verifier().verify().ok()).isTrue();
            first.shutdown();
            MongoLedgerStorageEngine third = LedgerFixture.builder(fixture.newDatabase(recorder)).build();
            assertThat(third.head()).isEqualTo(first.head());
        }

        assertThat(recorder.disallowed).isEmpty();
        assertThat(recorder.filters).isNotEmpty();
        // Each kind of shape was really exercised, so the check above covered them all.
        assertThat(recorder.filters).anyMatch(f -> f.startsWith("find {\"_id\": {\"$gte\""))
                                    .anyMatch(f -> f.startsWith("find {\"streamKeys\": {\"$in\""))
                                    .anyMatch(f -> f.startsWith("find {\"requestKey\""))
                                    .anyMatch(f -> f.startsWith("update {\"_id\": \"head\""))
                                    .anyMatch(f -> f.startsWith("update {\"_id\": \"h-1\", \"seq\""));
        System.out.printf("index use: %d filters recorded, all index-served%n", recorder.filters.size());
    }

    /** Collects the filters of find, update, delete and findAndModify, and any command that would scan. */
    private static final class Recorder implements CommandListener {

        private static final Set<String> SCANNING = Set.of("aggregate", "count", "distinct", "mapReduce");

        final Queue<String> filters = new ConcurrentLinkedQueue<>();
        final Queue<String> disallowed = new ConcurrentLinkedQueue<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            BsonDocument command = event.getCommand();
            switch (event.getCommandName()) {
                case "find" -> {
                    if (command.containsKey("sort") || command.containsKey("skip") || command.containsKey("hint")
                            || command.containsKey("min") || command.containsKey("max")) {
                        disallowed.add("find with sort/skip/hint/min/max: " + command.toJson());
                    }
                    check("find", command.getDocument("filter", new BsonDocument()));
                }
                case "update" -> command.getArray("updates")
                                        .forEach(u -> check("update", u.asDocument().getDocument("q")));
                case "delete" -> command.getArray("deletes")
                                        .forEach(d -> check("delete", d.asDocument().getDocument("q")));
                case "findAndModify" -> check("findAndModify", command.getDocument("query"));
                default -> {
                    if (SCANNING.contains(event.getCommandName())) {
                        disallowed.add(event.getCommandName() + ": " + command.toJson());
                    }
                }
            }
        }

        private void check(String kind, BsonDocument filter) {
            String recorded = kind + " " + filter.toJson();
            filters.add(recorded);
            if (!indexServed(filter)) {
                disallowed.add(recorded);
            }
        }

        static boolean indexServed(BsonDocument filter) {
            Set<String> keys = filter.keySet();
            if (keys.equals(Set.of("_id"))) {
                BsonValue value = filter.get("_id");
                return exact(value) || in(value) || range(value);
            }
            if (keys.equals(Set.of("streamKeys"))) {
                BsonValue value = filter.get("streamKeys");
                return exact(value) || in(value);
            }
            if (keys.equals(Set.of("requestKey"))) {
                return exact(filter.get("requestKey"));
            }
            if (keys.equals(Set.of("_id", "seq"))) {
                return exact(filter.get("_id")) && exact(filter.get("seq"));
            }
            return false;
        }

        private static boolean exact(BsonValue value) {
            return !value.isDocument() && !value.isArray() && !value.isRegularExpression();
        }

        private static boolean range(BsonValue value) {
            return value.isDocument() && value.asDocument().keySet().equals(Set.of("$gte", "$lt"))
                    && value.asDocument().get("$gte").isNumber() && value.asDocument().get("$lt").isNumber();
        }

        private static boolean in(BsonValue value) {
            return value.isDocument() && value.asDocument().keySet().equals(Set.of("$in"))
                    && value.asDocument().get("$in").isArray()
                    && value.asDocument().getArray("$in").stream().allMatch(LedgerIndexUseTest.Recorder::exact);
        }
    }
}
