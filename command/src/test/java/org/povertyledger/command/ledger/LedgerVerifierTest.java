package org.povertyledger.command.ledger;

import org.povertyledger.command.ledger.audit.LedgerHashing;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.LedgerFixture.Assessed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyledger.command.ledger.LedgerFixture.event;
import static org.povertyledger.command.ledger.LedgerFixture.plainEvent;
import static org.povertyledger.command.ledger.VerificationResult.Failure.GAP;
import static org.povertyledger.command.ledger.VerificationResult.Failure.HASH_MISMATCH;
import static org.povertyledger.command.ledger.VerificationResult.Failure.MALFORMED;

/**
 * Tampers with the stored ledger directly in MongoDB and checks that the verifier names the damage and the first
 * position it affects. The ledger: commits 1, 2..3, 4..6, 7, 8..9, 10..12 (positions), twelve events.
 */
class LedgerVerifierTest {

    @TempDir
    Path dataDir;

    private LedgerFixture fixture;
    private MongoCollection<Document> events;
    private LedgerVerifier verifier;
    private LedgerHead head;

    @BeforeEach
    void writeLedger() {
        fixture = LedgerFixture.start(dataDir);
        MongoDatabase database = fixture.newDatabase();
        MongoLedgerStorageEngine engine = LedgerFixture.builder(database).build();
        engine.ensureIndexes();
        long seq = 0;
        for (int size : new int[]{1, 2, 3, 1, 2, 3}) {
            if (size == 1 && seq > 0) {
                engine.appendEvents(plainEvent(new LedgerFixture.Announcement("note " + seq)));
                continue;
            }
            List<EventMessage<?>> commit = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                commit.add(event("h", seq, new Assessed("h", (int) seq)));
                seq++;
            }
            engine.appendEvents(commit);
        }
        events = database.getCollection("events");
        // The verifier stands alone: only the collection, no engine, no Spring.
        verifier = new LedgerVerifier(events);
        head = engine.head();
        assertThat(head.position()).isEqualTo(12);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void anUntouchedLedgerVerifies() {
        VerificationResult result = verifier.verify();
        assertThat(result.ok()).isTrue();
        assertThat(result.eventsChecked()).isEqualTo(12);
        assertThat(result.headPosition()).isEqualTo(12);
        assertThat(result.headHash()).isEqualTo(head.hash());
        assertThat(result.firstBrokenPosition()).isNull();
        assertThat(verifier.verify(head).ok()).isTrue();
    }

    @Test
    void anEditedPayloadIsReportedAtItsPosition() {
        // Position 5 is the second event of the commit 4..6.
        events.updateOne(Filters.eq("_id", 4L), Updates.set("events.1.payload", "{\"householdId\":\"h\",\"score\":999}"));
        VerificationResult result = verifier.verify();
        assertThat(result.ok()).isFalse();
        assertThat(result.failure()).isEqualTo(HASH_MISMATCH);
        assertThat(result.firstBrokenPosition()).isEqualTo(5);
        assertThat(result.eventsChecked()).isEqualTo(4);
        assertThat(result.headPosition()).isEqualTo(4);
    }

    @Test
    void editedMetadataOrTimestampIsReportedAtItsPosition() {
        events.updateOne(Filters.eq("_id", 10L), Updates.set("events.2.meta", "{\"actorId\":\"someone-else\"}"));
        assertThat(verifier.verify()).satisfies(r -> {
            assertThat(r.failure()).isEqualTo(HASH_MISMATCH);
            assertThat(r.firstBrokenPosition()).isEqualTo(12);
        });
        events.updateOne(Filters.eq("_id", 2L), Updates.set("events.0.ts", "2001-01-01T00:00:00Z"));
        assertThat(verifier.verify()).satisfies(r -> {
            assertThat(r.failure()).isEqualTo(HASH_MISMATCH);
            assertThat(r.firstBrokenPosition()).isEqualTo(2);
        });
    }

    @Test
    void aRecomputedHashIsCaughtByTheNextEvent() {
        // Editing a payload and fixing up that event's hash breaks the link to the event after it.
        Document commit = events.find(Filters.eq("_id", 4L)).first();
        Document target = commit.getList("events", Document.class).get(0);
        String previous = events.find(Filters.eq("_id", 2L)).first().getList("events", Document.class).get(1)
                                .getString("hash");
        String forgedPayload = "{\"householdId\":\"h\",\"score\":1000}";
        String forgedHash = LedgerHashing.hash(previous, 4, target.getString("id"), target.getString("aggType"),
                                               target.getString("aggId"), target.getLong("seq"),
                                               target.getString("type"), target.getString("rev"),
                                               target.getString("ts"), forgedPayload, target.getString("meta"));
        events.updateOne(Filters.eq("_id", 4L), Updates.combine(Updates.set("events.0.payload", forgedPayload),
                                                                Updates.set("events.0.hash", forgedHash)));
        VerificationResult result = verifier.verify();
        assertThat(result.failure()).isEqualTo(HASH_MISMATCH);
        assertThat(result.firstBrokenPosition()).isEqualTo(5);
    }

    @Test
    void aDeletedCommitIsAGapAtItsFirstPosition() {
        events.deleteOne(Filters.eq("_id", 4L));
        VerificationResult result = verifier.verify();
        assertThat(result.failure()).isEqualTo(GAP);
        assertThat(result.firstBrokenPosition()).isEqualTo(4);
        assertThat(result.headPosition()).isEqualTo(3);
        assertThat(result.reason()).contains("starts at 7");
    }

    @Test
    void reorderedEventsAreDetected() {
        // Swap the contents of positions 4 and 5, renumbered so that the positions look consistent.
        Document commit = events.find(Filters.eq("_id", 4L)).first();
        List<Document> stored = commit.getList("events", Document.class);
        Document first = new Document(stored.get(1)).append("pos", 4L);
        Document second = new Document(stored.get(0)).append("pos", 5L);
        events.updateOne(Filters.eq("_id", 4L), Updates.combine(Updates.set("events.0", first),
                                                                Updates.set("events.1", second)));
        VerificationResult result = verifier.verify();
        assertThat(result.failure()).isEqualTo(HASH_MISMATCH);
        assertThat(result.firstBrokenPosition()).isEqualTo(4);
    }

    @Test
    void aMovedPositionOrBrokenShapeIsMalformed() {
        events.updateOne(Filters.eq("_id", 7L), Updates.set("events.0.pos", 8L));
        assertThat(verifier.verify()).satisfies(r -> {
            assertThat(r.failure()).isEqualTo(MALFORMED);
            assertThat(r.firstBrokenPosition()).isEqualTo(7);
        });
        events.updateOne(Filters.eq("_id", 7L), Updates.set("events.0.pos", 7L));
        events.updateOne(Filters.eq("_id", 2L), Updates.set("streamKeys", List.of("h#1")));
        assertThat(verifier.verify()).satisfies(r -> {
            assertThat(r.failure()).isEqualTo(MALFORMED);
            assertThat(r.firstBrokenPosition()).isEqualTo(2);
        });
    }

    @Test
    void truncationIsCaughtAgainstAnAnchorOrTheHeadHint() {
        events.deleteOne(Filters.eq("_id", 10L));
        // Nothing in the events collection alone tells that positions 10..12 existed...
        assertThat(verifier.verify().ok()).isTrue();
        // ...but an anchor kept elsewhere does,
        VerificationResult anchored = verifier.verify(head);
        assertThat(anchored.failure()).isEqualTo(GAP);
        assertThat(anchored.firstBrokenPosition()).isEqualTo(10);
        // and so does a head hint that lies beyond the end.
        MongoDatabase database = fixture.newDatabase();
        database.getCollection("ledger_head").insertOne(new Document("_id", "head").append("position", 12L)
                                                                                    .append("hash", head.hash()));
        VerificationResult hinted = new LedgerVerifier(events, database.getCollection("ledger_head")).verify();
        assertThat(hinted.failure()).isEqualTo(GAP);
        assertThat(hinted.firstBrokenPosition()).isEqualTo(10);
    }
}
