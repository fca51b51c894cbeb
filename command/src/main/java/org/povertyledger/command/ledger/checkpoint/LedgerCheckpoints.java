package org.povertyledger.command.ledger.checkpoint;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.povertyledger.command.ledger.LedgerHead;
import org.povertyledger.command.ledger.LedgerScanner;
import org.povertyledger.command.ledger.LedgerVerifier;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.VerificationResult;
import org.povertyledger.command.ledger.audit.LedgerHashing;
import org.povertyledger.command.ledger.audit.MerkleFrontier;
import org.povertyledger.command.ledger.audit.MerkleTree;
import org.povertyledger.command.ledger.audit.SignedCheckpoint;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signed checkpoints of the ledger, made off the append path: a background thread follows the chain every
 * {@code pollInterval}, recomputing each event's hash (it never signs a chain that does not check out) and adding
 * it to an RFC 6962 compact range, and signs a checkpoint every {@code every} commits; {@link #checkpointNow()}
 * signs one at the current head. The compact range is stored with each checkpoint, so after a restart the work
 * resumes from the latest checkpoint: each checkpoint costs O(events since the one before).
 * <p>
 * Checkpoints live in their own collection, keyed by position, not in the ledger: a checkpoint inside the log
 * would change the log it signs. Two nodes signing the same position collide on {@code _id}; the first one stays.
 */
public class LedgerCheckpoints implements AutoCloseable {

    public static final String COLLECTION = "ledger_checkpoints";

    private static final Logger log = LoggerFactory.getLogger(LedgerCheckpoints.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final String FRONTIER = "frontier";

    private final MongoCollection<Document> collection;
    private final LedgerScanner scanner;
    private final LedgerVerifier verifier;
    private final CheckpointSigner signer;
    private final int every;
    private final Duration pollInterval;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    // Guarded by this.
    private boolean loaded;
    private long position;
    private String headHash;
    private MerkleFrontier frontier;
    private int commitsSince;
    private String damage;

    public LedgerCheckpoints(MongoDatabase database, MongoLedgerStorageEngine engine, CheckpointSigner signer,
                             int every, Duration pollInterval, Clock clock) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint-every must be at least 1 commit");
        }
        this.collection = database.getCollection(COLLECTION);
        this.scanner = engine.scanner();
        this.verifier = engine.verifier();
        this.signer = signer;
        this.every = every;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    /** Starts following the ledger in the background. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledger-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::follow, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    public CheckpointSigner signer() {
        return signer;
    }

    private void follow() {
        try {
            catchUp(false);
        } catch (DomainException e) {
            // Already logged once when the damage was found; the verifier endpoint names it.
        } catch (RuntimeException e) {
            log.warn("Checkpointing could not follow the ledger; trying again in {}", pollInterval, e);
        }
    }

    /** Follows the ledger to its head and signs a checkpoint there (or returns the one already there). */
    public SignedCheckpoint checkpointNow() {
        return catchUp(true);
    }

    private synchronized SignedCheckpoint catchUp(boolean signAtHead) {
        load();
        if (damage != null) {
            throw chainBroken();
        }
        List<LedgerScanner.StoredCommit> commits;
        while (!(commits = scanner.contiguousFrom(position + 1)).isEmpty()) {
            for (LedgerScanner.StoredCommit commit : commits) {
                for (Document event : commit.events()) {
                    long next = position + 1;
                    String computed;
                    try {
                        computed = LedgerScanner.recomputeHash(headHash, next, event);
                    } catch (RuntimeException e) {
                        computed = null;
                    }
                    if (computed == null || !computed.equals(event.get("hash"))
                            || !(event.get("pos") instanceof Number pos) || pos.longValue() != next) {
                        damage = "the stored event at position " + next + " does not match its chain hash";
                        log.error("Checkpointing stopped: {}; run the verifier", damage);
                        throw chainBroken();
                    }
                    frontier.addLeafData(HEX.parseHex(computed));
                    position = next;
                    headHash = computed;
                }
                if (++commitsSince >= every) {
                    store(sign());
                }
            }
        }
        if (!signAtHead) {
            return null;
        }
        if (position == 0) {
            throw new DomainException(ErrorCode.LEDGER_EMPTY, null, "not-empty",
                    "the ledger holds no events yet; there is nothing to sign");
        }
        Optional<SignedCheckpoint> existing = at(position);
        return existing.orElseGet(() -> store(sign()));
    }

    private SignedCheckpoint sign() {
        commitsSince = 0;
        return signer.sign(position, headHash, frontier.rootHex(), clock.instant());
    }

    private SignedCheckpoint store(SignedCheckpoint checkpoint) {
        Document doc = toDocument(checkpoint).append(FRONTIER, frontier.hexRoots());
        try {
            collection.insertOne(doc);
            return checkpoint;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return at(checkpoint.position()).orElse(checkpoint);
            }
            throw e;
        }
    }

    /** Resumes from the latest checkpoint whose stored compact range reproduces its signed root. */
    private void load() {
        if (loaded) {
            return;
        }
        position = 0;
        headHash = LedgerHashing.GENESIS_HASH;
        frontier = new MerkleFrontier();
        Document latest = collection.find().sort(new Document("_id", -1)).limit(1).first();
        if (latest != null) {
            try {
                SignedCheckpoint checkpoint = fromDocument(latest);
                MerkleFrontier stored = MerkleFrontier.restore(checkpoint.position(), latest.getList(FRONTIER, String.class));
                if (stored.rootHex().equals(checkpoint.merkleRoot())) {
                    position = checkpoint.position();
                    headHash = checkpoint.headHash();
                    frontier = stored;
                } else {
                    log.warn("Checkpoint {} holds a compact range that does not give its root; starting from position 1",
                            checkpoint.position());
                }
            } catch (RuntimeException e) {
                log.warn("Cannot resume from the latest checkpoint; starting from position 1", e);
            }
        }
        loaded = true;
    }

    private DomainException chainBroken() {
        return new DomainException(ErrorCode.LEDGER_CHAIN_BROKEN, null, "chain-intact",
                "checkpoints are suspended: " + damage, Map.of());
    }

    // ------------------------------------------------------------------------------------------------ reading

    public Optional<SignedCheckpoint> at(long checkpointPosition) {
        return Optional.ofNullable(collection.find(new Document("_id", checkpointPosition)).first())
                .map(LedgerCheckpoints::fromDocument);
    }

    public Optional<SignedCheckpoint> latest() {
        return Optional.ofNullable(collection.find().sort(new Document("_id", -1)).limit(1).first())
                .map(LedgerCheckpoints::fromDocument);
    }

    /** One page of checkpoints, newest first. */
    public List<SignedCheckpoint> page(int page, int size) {
        List<SignedCheckpoint> result = new ArrayList<>();
        collection.find().sort(new Document("_id", -1)).skip(page * size).limit(size)
                .forEach(doc -> result.add(fromDocument(doc)));
        return result;
    }

    public long count() {
        return collection.countDocuments();
    }

    private SignedCheckpoint require(long checkpointPosition, String field) {
        return at(checkpointPosition).orElseThrow(() -> new DomainException(ErrorCode.CHECKPOINT_NOT_FOUND, field,
                "exists", "no checkpoint at position " + checkpointPosition, Map.of(field, checkpointPosition)));
    }

    /** The audit path of the event at {@code eventPosition} in the tree of checkpoint {@code checkpointPosition}. */
    public InclusionProof proof(long eventPosition, long checkpointPosition) {
        SignedCheckpoint checkpoint = require(checkpointPosition, "checkpoint");
        if (eventPosition < 1 || eventPosition > checkpoint.position()) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, "position", "range:1.." + checkpoint.position(),
                    "position must lie in 1.." + checkpoint.position() + ", the tree of checkpoint " + checkpointPosition,
                    Map.of("position", eventPosition));
        }
        byte[][] leaves = leaves(checkpoint.position());
        byte[] root = MerkleTree.root(leaves.length, i -> leaves[(int) i]);
        requireMatches(checkpoint, root);
        long index = eventPosition - 1;
        List<byte[]> path = MerkleTree.inclusionProof(index, leaves.length, i -> leaves[(int) i]);
        String eventHash = scanner.hashAt(eventPosition).orElseThrow();
        return new InclusionProof(eventPosition, index, leaves.length, eventHash, HEX.formatHex(leaves[(int) index]),
                path.stream().map(HEX::formatHex).toList(), checkpoint.merkleRoot(), checkpoint);
    }

    /** The consistency proof between two checkpoints. */
    public ConsistencyProof consistency(long fromPosition, long toPosition) {
        SignedCheckpoint from = require(fromPosition, "from");
        SignedCheckpoint to = require(toPosition, "to");
        if (from.position() > to.position()) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, "from", "max:" + toPosition,
                    "from must not lie after to", Map.of("from", fromPosition, "to", toPosition));
        }
        byte[][] leaves = leaves(to.position());
        requireMatches(to, MerkleTree.root(leaves.length, i -> leaves[(int) i]));
        requireMatches(from, MerkleTree.root(from.position(), i -> leaves[(int) i]));
        List<byte[]> proof = MerkleTree.consistencyProof(from.position(), to.position(), i -> leaves[(int) i]);
        return new ConsistencyProof(from.position(), to.position(), from.merkleRoot(), to.merkleRoot(),
                proof.stream().map(HEX::formatHex).toList(), from, to);
    }

    private byte[][] leaves(long size) {
        byte[][] hashes;
        try {
            hashes = scanner.hashes(size);
        } catch (RuntimeException e) {
            throw new DomainException(ErrorCode.LEDGER_CHAIN_BROKEN, null, "chain-intact",
                    "the stored ledger no longer holds positions 1.." + size + ": " + e.getMessage(), Map.of());
        }
        byte[][] leaves = new byte[hashes.length][];
        for (int i = 0; i < hashes.length; i++) {
            leaves[i] = MerkleTree.leafHash(hashes[i]);
        }
        return leaves;
    }

    private static void requireMatches(SignedCheckpoint checkpoint, byte[] root) {
        if (!HEX.formatHex(root).equals(checkpoint.merkleRoot())) {
            throw new DomainException(ErrorCode.LEDGER_CHAIN_BROKEN, null, "chain-intact",
                    "the stored ledger no longer gives the Merkle root signed at position " + checkpoint.position()
                            + "; run the verifier", Map.of("checkpoint", checkpoint.position()));
        }
    }

    // ------------------------------------------------------------------------------------------------ verifying

    /**
     * Walks the chain and holds it against the latest checkpoint, whose signature is checked first when it is
     * signed with this service's key.
     */
    public AnchoredVerification verifyStore() {
        Optional<SignedCheckpoint> latest;
        try {
            latest = latest();
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            return AnchoredVerification.of(VerificationResult.broken(0, LedgerHead.EMPTY, 1,
                    VerificationResult.Failure.CHECKPOINT, "the latest checkpoint document is malformed: "
                            + e.getMessage()), null, false);
        }
        if (latest.isEmpty()) {
            return AnchoredVerification.of(verifier.verify(), null, false);
        }
        SignedCheckpoint checkpoint = latest.get();
        boolean ours = checkpoint.keyId().equals(signer.keyId());
        if (ours && !checkpoint.verify(signer.publicKey())) {
            return AnchoredVerification.of(VerificationResult.broken(0, LedgerHead.EMPTY, checkpoint.position(),
                    VerificationResult.Failure.CHECKPOINT, "the signature of checkpoint " + checkpoint.position()
                            + " is not valid: the checkpoint was altered"), checkpoint, true);
        }
        return AnchoredVerification.of(verifier.verify(new LedgerHead(checkpoint.position(), checkpoint.headHash())),
                checkpoint, ours);
    }

    // ------------------------------------------------------------------------------------------------ documents

    private static Document toDocument(SignedCheckpoint checkpoint) {
        return new Document("_id", checkpoint.position())
                .append("headHash", checkpoint.headHash())
                .append("merkleRoot", checkpoint.merkleRoot())
                .append("time", checkpoint.time())
                .append("keyId", checkpoint.keyId())
                .append("algorithm", checkpoint.algorithm())
                .append("signature", checkpoint.signature());
    }

    private static SignedCheckpoint fromDocument(Document doc) {
        return new SignedCheckpoint(((Number) doc.get("_id")).longValue(), doc.getString("headHash"),
                doc.getString("merkleRoot"), doc.getString("time"), doc.getString("keyId"),
                doc.getString("algorithm"), doc.getString("signature"));
    }
}
