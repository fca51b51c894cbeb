package org.povertyledger.command.ledger;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;

import static org.povertyledger.command.ledger.LedgerSchema.AGG_ID;
import static org.povertyledger.command.ledger.LedgerSchema.CHAIN_BATCH;
import static org.povertyledger.command.ledger.LedgerSchema.COUNT;
import static org.povertyledger.command.ledger.LedgerSchema.HASH;
import static org.povertyledger.command.ledger.LedgerSchema.HEAD_ID;
import static org.povertyledger.command.ledger.LedgerSchema.HEAD_POSITION;
import static org.povertyledger.command.ledger.LedgerSchema.ID;
import static org.povertyledger.command.ledger.LedgerSchema.MAX_COMMIT_EVENTS;
import static org.povertyledger.command.ledger.LedgerSchema.POS;
import static org.povertyledger.command.ledger.LedgerSchema.SEQ;
import static org.povertyledger.command.ledger.LedgerSchema.STREAM_KEYS;
import static org.povertyledger.command.ledger.LedgerSchema.TS;

/**
 * Walks the ledger's hash chain from position 1 and reports the first damage found. Needs nothing but the events
 * collection (and, optionally, the head hint collection); usable from a command-line tool without Spring.
 * <p>
 * Detected: an edited field of any event (payload, metadata, type, timestamp, ids, hash), events moved to other
 * positions, a deleted commit in the middle of the ledger (reported as a gap at its first position), commit
 * documents of the wrong shape, and stream keys that no longer match their events.
 * <p>
 * Limits: the walk only uses exact {@code _id} lookups, so a missing stretch is noticed when a commit follows
 * within {@value LedgerSchema#MAX_COMMIT_EVENTS} positions of the break, or when the head hint (or an anchor the
 * caller kept elsewhere, see {@link #verify(LedgerHead)}) lies beyond it. Deleting the newest commits together with
 * the hint is only caught against an external anchor. {@code requestKey} is an index key derived from metadata
 * and is not itself covered by the hash (the metadata is).
 */
public final class LedgerVerifier {

    private static final Document ID_ONLY = new Document(ID, 1);

    private final CommitStore commits;
    private final MongoCollection<Document> headHints;

    /** A verifier over the events collection alone. */
    public LedgerVerifier(MongoCollection<Document> events) {
        this(events, null);
    }

    /**
     * @param events    the events collection
     * @param headHints the head hint collection, or {@code null}; when given, a chain that ends before the hinted
     *                  position is reported as a gap
     */
    public LedgerVerifier(MongoCollection<Document> events, MongoCollection<Document> headHints) {
        this.commits = new CommitStore(Objects.requireNonNull(events, "events"));
        this.headHints = headHints;
    }

    /** Verifies the whole chain. */
    public VerificationResult verify() {
        return verify(null);
    }

    /**
     * Verifies the whole chain and, in addition, that it still holds {@code anchor} (a head recorded outside the
     * database, e.g. published or kept by an auditor) with the same hash.
     */
    public VerificationResult verify(LedgerHead anchor) {
        Walk walk = new Walk(anchor);
        long next = 1;
        while (true) {
            long rangeEnd = next + CHAIN_BATCH - 1;
            NavigableMap<Long, Document> docs = commits.byIdRange(next, CHAIN_BATCH, null);
            Document commit;
            while ((commit = docs.get(next)) != null) {
                VerificationResult broken = walk.check(commit, next);
                if (broken != null) {
                    return broken;
                }
                next = walk.good.position() + 1;
            }
            if (next <= rangeEnd) {
                break;
            }
        }
        return walk.finish(next);
    }

    private final class Walk {

        private final LedgerHead anchor;
        private LedgerHead good = LedgerHead.EMPTY;
        private long checked;

        Walk(LedgerHead anchor) {
            this.anchor = anchor;
        }

        /** Checks one commit starting at {@code first}; returns the failure, or {@code null} when it is sound. */
        VerificationResult check(Document commit, long first) {
            long position = first;
            try {
                long last = CommitDocs.last(commit);
                long size = last - first + 1;
                if (size < 1 || size > MAX_COMMIT_EVENTS) {
                    return malformed(first, "commit claims positions " + first + ".." + last);
                }
                if (CommitDocs.number(commit, COUNT, commit) != size) {
                    return malformed(first, "commit count " + commit.get(COUNT) + " does not match " + size
                            + " positions");
                }
                List<Document> events = CommitDocs.events(commit);
                if (events.size() != size) {
                    return malformed(first, "commit holds " + events.size() + " events for " + size + " positions");
                }
                List<String> expectedKeys = new ArrayList<>();
                for (Document event : events) {
                    long pos = CommitDocs.number(event, POS, commit);
                    if (pos != position) {
                        return malformed(position, "event stored at position " + position + " says " + pos);
                    }
                    String aggregateId = CommitDocs.string(event, AGG_ID, false, commit);
                    Long seq = CommitDocs.optionalNumber(event, SEQ, commit);
                    if ((aggregateId == null) != (seq == null)) {
                        return malformed(position, "aggregate id and sequence number must both be set or unset");
                    }
                    String timestamp = CommitDocs.string(event, TS, true, commit);
                    try {
                        Instant.parse(timestamp);
                    } catch (DateTimeParseException e) {
                        return malformed(position, "timestamp is not ISO-8601: " + timestamp);
                    }
                    String stored = CommitDocs.string(event, HASH, true, commit);
                    String computed = CommitDocs.chainHash(good.hash(), pos, event, commit);
                    if (!computed.equals(stored)) {
                        return VerificationResult.broken(checked, good, position,
                                VerificationResult.Failure.HASH_MISMATCH,
                                "stored hash " + stored + " differs from recomputed " + computed);
                    }
                    if (anchor != null && anchor.position() == position && !anchor.hash().equals(computed)) {
                        return VerificationResult.broken(checked, good, position,
                                VerificationResult.Failure.HASH_MISMATCH,
                                "hash " + computed + " differs from the anchored " + anchor.hash());
                    }
                    if (aggregateId != null) {
                        expectedKeys.add(LedgerSchema.streamKey(aggregateId, seq));
                    }
                    good = new LedgerHead(position, computed);
                    checked++;
                    position++;
                }
                Object storedKeys = commit.get(STREAM_KEYS);
                boolean keysMatch = expectedKeys.isEmpty() ? storedKeys == null : expectedKeys.equals(storedKeys);
                if (!keysMatch) {
                    return malformed(first, "stream keys " + storedKeys + " do not match the events " + expectedKeys);
                }
                return null;
            } catch (CommitDocs.MalformedCommitException e) {
                return malformed(position, e.getMessage());
            }
        }

        private VerificationResult malformed(long position, String reason) {
            return VerificationResult.broken(checked, good, position, VerificationResult.Failure.MALFORMED, reason);
        }

        /** The chain ends before {@code next}: make sure nothing lies beyond it. */
        VerificationResult finish(long next) {
            // A deleted commit held at most MAX_COMMIT_EVENTS positions, so the commit after it starts within
            // that distance; look for it with exact lookups.
            for (long from = next + 1; from <= next + MAX_COMMIT_EVENTS; from += CHAIN_BATCH) {
                NavigableMap<Long, Document> beyond = commits.byIdRange(from, CHAIN_BATCH, ID_ONLY);
                if (!beyond.isEmpty()) {
                    return VerificationResult.broken(checked, good, next, VerificationResult.Failure.GAP,
                            "no commit starts at position " + next + " but one starts at " + beyond.firstKey());
                }
            }
            if (headHints != null) {
                Document hint = headHints.find(new Document(ID, HEAD_ID)).first();
                if (hint != null && hint.get(HEAD_POSITION) instanceof Number hinted
                        && hinted.longValue() > good.position()) {
                    return VerificationResult.broken(checked, good, next, VerificationResult.Failure.GAP,
                            "the chain ends at " + good.position() + " but the head hint records "
                                    + hinted.longValue());
                }
            }
            if (anchor != null && anchor.position() > good.position()) {
                return VerificationResult.broken(checked, good, next, VerificationResult.Failure.GAP,
                        "the chain ends at " + good.position() + " but the anchor is at " + anchor.position());
            }
            return VerificationResult.ok(checked, good);
        }
    }
}
