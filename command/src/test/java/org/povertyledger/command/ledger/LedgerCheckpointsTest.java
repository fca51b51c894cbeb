package org.povertyledger.command.ledger;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.LedgerFixture.Assessed;
import org.povertyledger.command.ledger.audit.CheckpointKeys;
import org.povertyledger.command.ledger.audit.MerkleTree;
import org.povertyledger.command.ledger.audit.SignedCheckpoint;
import org.povertyledger.command.ledger.checkpoint.AnchoredVerification;
import org.povertyledger.command.ledger.checkpoint.CheckpointSigner;
import org.povertyledger.command.ledger.checkpoint.ConsistencyProof;
import org.povertyledger.command.ledger.checkpoint.InclusionProof;
import org.povertyledger.command.ledger.checkpoint.LedgerCheckpoints;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyledger.command.ledger.LedgerFixture.event;

/** Checkpoints over a real ledger in the embedded store: when they are made, resuming, proofs, anchoring. */
class LedgerCheckpointsTest {

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dataDir;

    private LedgerFixture fixture;
    private MongoDatabase database;
    private MongoLedgerStorageEngine engine;
    private CheckpointSigner signer;

    @BeforeEach
    void start() {
        fixture = LedgerFixture.start(dataDir);
        database = fixture.newDatabase();
        engine = LedgerFixture.builder(database).headHintInterval(1).build();
        engine.ensureIndexes();
        signer = CheckpointSigner.load(null, null, dataDir.resolve("key.pem"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** Appends {@code commits} commits of two events each to household h. */
    private void append(int commits) {
        long seq = engine.lastSequenceNumberFor("h").map(s -> s + 1).orElse(0L);
        for (int i = 0; i < commits; i++) {
            engine.appendEvents(event("h", seq, new Assessed("h", (int) seq)), event("h", seq + 1, new Assessed("h", 0)));
            seq += 2;
        }
    }

    private LedgerCheckpoints checkpoints(int every) {
        return new LedgerCheckpoints(database, engine, signer, every, Duration.ofMillis(50), Clock.systemUTC());
    }

    @Test
    void signsEveryNCommitsAndOnDemandAtTheHead() {
        append(7);
        LedgerCheckpoints checkpoints = checkpoints(3);
        SignedCheckpoint head = checkpoints.checkpointNow();
        assertThat(head.position()).isEqualTo(14);
        assertThat(checkpoints.page(0, 10)).extracting(SignedCheckpoint::position).containsExactly(14L, 12L, 6L);
        assertThat(checkpoints.checkpointNow()).isEqualTo(head);
        for (SignedCheckpoint checkpoint : checkpoints.page(0, 10)) {
            assertThat(checkpoint.verify(signer.publicKey())).isTrue();
            byte[][] leaves = leaves(checkpoint.position());
            assertThat(checkpoint.merkleRoot())
                    .isEqualTo(HEX.formatHex(MerkleTree.root(leaves.length, i -> leaves[(int) i])));
            assertThat(checkpoint.headHash()).isEqualTo(engine.scanner().hashAt(checkpoint.position()).orElseThrow());
        }
    }

    @Test
    void aRestartedCheckpointerResumesFromTheStoredCompactRange() {
        append(4);
        checkpoints(100).checkpointNow();
        append(3);
        // A new instance (as after a restart) with a signer reloaded from the same key file.
        signer = CheckpointSigner.load(null, null, dataDir.resolve("key.pem"));
        SignedCheckpoint later = checkpoints(100).checkpointNow();
        assertThat(later.position()).isEqualTo(14);
        byte[][] leaves = leaves(14);
        assertThat(later.merkleRoot()).isEqualTo(HEX.formatHex(MerkleTree.root(14, i -> leaves[(int) i])));
        assertThat(later.keyId()).isEqualTo(CheckpointKeys.keyId(signer.publicKey()));
    }

    @Test
    void theBackgroundCheckpointerFollowsNewCommits() throws InterruptedException {
        LedgerCheckpoints checkpoints = checkpoints(2);
        checkpoints.start();
        try {
            append(4);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (checkpoints.count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(checkpoints.page(0, 10)).extracting(SignedCheckpoint::position).containsExactly(8L, 4L);
        } finally {
            checkpoints.close();
        }
    }

    @Test
    void inclusionAndConsistencyProofsVerifyAgainstTheSignedRoots() {
        append(3);
        LedgerCheckpoints checkpoints = checkpoints(100);
        SignedCheckpoint first = checkpoints.checkpointNow();
        append(2);
        SignedCheckpoint second = checkpoints.checkpointNow();
        for (long position = 1; position <= second.position(); position++) {
            InclusionProof proof = checkpoints.proof(position, second.position());
            assertThat(proof.leafHash()).isEqualTo(HEX.formatHex(MerkleTree.leafHash(HEX.parseHex(proof.eventHash()))));
            assertThat(MerkleTree.verifyInclusion(proof.leafIndex(), proof.treeSize(), HEX.parseHex(proof.leafHash()),
                    bytes(proof.auditPath()), HEX.parseHex(second.merkleRoot()))).isTrue();
        }
        ConsistencyProof consistency = checkpoints.consistency(first.position(), second.position());
        assertThat(MerkleTree.verifyConsistency(first.position(), second.position(), HEX.parseHex(first.merkleRoot()),
                HEX.parseHex(second.merkleRoot()), bytes(consistency.proof()))).isTrue();
        assertThatThrownBy(() -> checkpoints.proof(second.position() + 1, second.position()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("position"));
        assertThatThrownBy(() -> checkpoints.consistency(second.position(), first.position()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> checkpoints.proof(1, 5))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_NOT_FOUND));
    }

    @Test
    void deletingTheNewestCommitsAndTheHeadHintIsCaughtAgainstTheCheckpoint() {
        append(5);
        LedgerCheckpoints checkpoints = checkpoints(100);
        checkpoints.checkpointNow();
        assertThat(checkpoints.verifyStore().ok()).isTrue();
        MongoCollection<Document> events = database.getCollection("events");
        events.deleteMany(Filters.in("_id", List.of(7L, 9L)));
        database.getCollection("ledger_head").deleteMany(new Document());
        // Without the anchor the shortened chain looks whole.
        assertThat(engine.verifier().verify().ok()).isTrue();
        AnchoredVerification anchored = checkpoints.verifyStore();
        assertThat(anchored.ok()).isFalse();
        assertThat(anchored.firstBrokenPosition()).isEqualTo(7);
        assertThat(anchored.failure()).isEqualTo(VerificationResult.Failure.GAP);
        assertThat(anchored.checkpointPosition()).isEqualTo(10);
    }

    @Test
    void anAlteredCheckpointIsReportedByTheStoreVerifier() {
        append(2);
        LedgerCheckpoints checkpoints = checkpoints(100);
        checkpoints.checkpointNow();
        database.getCollection(LedgerCheckpoints.COLLECTION)
                .updateOne(Filters.eq("_id", 4L), Updates.set("time", "2020-01-01T00:00:00Z"));
        AnchoredVerification result = checkpoints.verifyStore();
        assertThat(result.ok()).isFalse();
        assertThat(result.failure()).isEqualTo(VerificationResult.Failure.CHECKPOINT);
        assertThat(result.firstBrokenPosition()).isEqualTo(4);
    }

    @Test
    void aDamagedChainIsNeverSigned() {
        append(2);
        database.getCollection("events").updateOne(Filters.eq("_id", 3L), Updates.set("events.0.payload", "{}"));
        LedgerCheckpoints checkpoints = checkpoints(100);
        assertThatThrownBy(checkpoints::checkpointNow)
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_CHAIN_BROKEN))
                .hasMessageContaining("position 3");
        assertThat(checkpoints.count()).isZero();
    }

    private byte[][] leaves(long size) {
        byte[][] hashes = engine.scanner().hashes(size);
        byte[][] leaves = new byte[hashes.length][];
        for (int i = 0; i < hashes.length; i++) {
            leaves[i] = MerkleTree.leafHash(hashes[i]);
        }
        return leaves;
    }

    private static List<byte[]> bytes(List<String> hex) {
        return hex.stream().map(HEX::parseHex).toList();
    }
}
