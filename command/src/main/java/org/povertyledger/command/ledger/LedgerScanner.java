package org.povertyledger.command.ledger;

import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

import static org.povertyledger.command.ledger.LedgerSchema.CHAIN_BATCH;
import static org.povertyledger.command.ledger.LedgerSchema.EVENTS;
import static org.povertyledger.command.ledger.LedgerSchema.HASH;
import static org.povertyledger.command.ledger.LedgerSchema.LAST;
import static org.povertyledger.command.ledger.LedgerSchema.MAX_COMMIT_EVENTS;
import static org.povertyledger.command.ledger.LedgerSchema.POS;

/**
 * Reads stored events in position order for the audit side (export, checkpoints, proofs), with the same exact
 * {@code _id} lookups as the engine. Events are handed out as the stored sub-documents (maps of the stored
 * fields), untouched, so an export shows what the store holds, damage included.
 */
public final class LedgerScanner {

    private static final Bson HASHES = new Document(LAST, 1).append(EVENTS + "." + HASH, 1);

    /** One commit as stored: first and last position and its event sub-documents. */
    public record StoredCommit(long first, long last, List<Document> events) {
    }

    /** Receives stored events; may throw to stop the scan. */
    @FunctionalInterface
    public interface EventSink {
        void accept(Map<String, Object> event) throws Exception;
    }

    private final CommitStore commits;

    LedgerScanner(CommitStore commits) {
        this.commits = commits;
    }

    /**
     * Hands every stored event from position {@code from} (to {@code to}, or to the end when {@code null}) to the
     * sink in {@code _id} order, stepping over missing commits rather than stopping at them: the scan ends only
     * after {@value LedgerSchema#MAX_COMMIT_EVENTS} positions without any commit (or past {@code to}).
     *
     * @return the number of events handed out
     */
    public long scan(long from, Long to, EventSink sink) throws Exception {
        long cursor = from;
        long count = 0;
        Optional<Document> containing = commits.commitContaining(from, null);
        if (containing.isPresent() && CommitDocs.id(containing.get()) < from) {
            Document commit = containing.get();
            count += emit(commit, from, to, sink);
            cursor = lastOf(commit) + 1;
        }
        long emptySince = cursor;
        while (to == null || cursor <= to) {
            NavigableMap<Long, Document> window = commits.byIdRange(cursor, CHAIN_BATCH, null);
            long next = cursor + CHAIN_BATCH;
            for (Document commit : window.values()) {
                count += emit(commit, from, to, sink);
                next = Math.max(next, lastOf(commit) + 1);
            }
            if (!window.isEmpty()) {
                emptySince = next;
            } else if (next - emptySince > MAX_COMMIT_EVENTS) {
                break;
            }
            cursor = next;
        }
        return count;
    }

    private static long emit(Document commit, long from, Long to, EventSink sink) throws Exception {
        long id = CommitDocs.id(commit);
        Object events = commit.get(EVENTS);
        if (!(events instanceof List<?> list)) {
            return 0;
        }
        long count = 0;
        for (int i = 0; i < list.size(); i++) {
            long slot = id + i;
            if (slot < from || (to != null && slot > to) || !(list.get(i) instanceof Document event)) {
                continue;
            }
            sink.accept(event);
            count++;
        }
        return count;
    }

    private static long lastOf(Document commit) {
        try {
            return Math.max(CommitDocs.id(commit), CommitDocs.last(commit));
        } catch (CommitDocs.MalformedCommitException e) {
            return CommitDocs.id(commit);
        }
    }

    /**
     * The commits that follow each other without a gap from {@code firstPosition}, as far as one lookup window
     * reaches; empty when no commit starts there.
     */
    public List<StoredCommit> contiguousFrom(long firstPosition) {
        NavigableMap<Long, Document> window = commits.byIdRange(firstPosition, CHAIN_BATCH, null);
        List<StoredCommit> result = new ArrayList<>();
        long next = firstPosition;
        Document commit;
        while ((commit = window.get(next)) != null) {
            long last = CommitDocs.last(commit);
            result.add(new StoredCommit(next, last, CommitDocs.events(commit)));
            next = last + 1;
        }
        return result;
    }

    /** The stored chain hash at {@code position}, if a commit holds it. */
    public Optional<String> hashAt(long position) {
        return commits.commitContaining(position, null).flatMap(commit -> {
            for (Document event : CommitDocs.events(commit)) {
                if (event.get(POS) instanceof Number pos && pos.longValue() == position
                        && event.get(HASH) instanceof String hash) {
                    return Optional.of(hash);
                }
            }
            return Optional.empty();
        });
    }

    /**
     * The stored chain hashes of positions 1..size, raw, following the chain strictly.
     *
     * @throws IllegalStateException when the chain stops before {@code size}
     */
    public byte[][] hashes(long size) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalStateException("too many events for one in-memory proof: " + size);
        }
        byte[][] hashes = new byte[(int) size][];
        HexFormat hex = HexFormat.of();
        long next = 1;
        while (next <= size) {
            NavigableMap<Long, Document> window = commits.byIdRange(next, CHAIN_BATCH, HASHES);
            Document commit;
            long before = next;
            while (next <= size && (commit = window.get(next)) != null) {
                for (Document event : CommitDocs.events(commit)) {
                    if (next <= size) {
                        hashes[(int) (next - 1)] = hex.parseHex(CommitDocs.string(event, HASH, true, commit));
                    }
                    next++;
                }
            }
            if (next == before) {
                throw new IllegalStateException("no commit starts at position " + next + "; run the verifier");
            }
        }
        return hashes;
    }

    /**
     * Recomputes the chain hash of a stored event from its fields and the hash before it.
     *
     * @throws org.axonframework.eventsourcing.eventstore.EventStoreException when a field has the wrong type
     */
    public static String recomputeHash(String previousHash, long position, Document event) {
        return CommitDocs.chainHash(previousHash, position, event, event);
    }
}
