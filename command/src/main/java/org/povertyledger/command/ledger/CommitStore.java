package org.povertyledger.command.ledger;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import static org.povertyledger.command.ledger.LedgerSchema.CHAIN_BATCH;
import static org.povertyledger.command.ledger.LedgerSchema.EVENTS;
import static org.povertyledger.command.ledger.LedgerSchema.HASH;
import static org.povertyledger.command.ledger.LedgerSchema.ID;
import static org.povertyledger.command.ledger.LedgerSchema.LAST;
import static org.povertyledger.command.ledger.LedgerSchema.MAX_COMMIT_EVENTS;
import static org.povertyledger.command.ledger.LedgerSchema.REQUEST_KEY;
import static org.povertyledger.command.ledger.LedgerSchema.STREAM_KEYS;

/**
 * Read access to the commit documents, restricted to the query shapes a unique index answers on mongo-java-server
 * (with the embedded store's range-capable index): exact {@code _id}, the half-open range
 * {@code _id {$gte, $lt}}, {@code streamKeys $in} and exact {@code requestKey}. Filters are built as plain documents
 * (not {@code Filters.and}) so that their shape on the wire is exactly what is written here. No query sorts;
 * ordering is done in memory on the few documents fetched.
 */
final class CommitStore {

    /** Just enough of a commit to know where it ends and its last hash. */
    static final Bson HEAD_PROJECTION = new Document(LAST, 1).append(EVENTS + "." + HASH, 1);

    private final MongoCollection<Document> events;

    CommitStore(MongoCollection<Document> events) {
        this.events = events;
    }

    MongoCollection<Document> collection() {
        return events;
    }

    /** The commits whose {@code _id} lies in {@code [from, from + count)}, keyed and ordered by {@code _id}. */
    NavigableMap<Long, Document> byIdRange(long from, int count, Bson projection) {
        long first = Math.max(1, from);
        long end = from + count;
        NavigableMap<Long, Document> result = new TreeMap<>();
        if (first >= end) {
            return result;
        }
        // A range, not an $in of every position: the server then walks the index from the first position instead
        // of looking up and matching each one, which made every poll cost in proportion to the batch asked for.
        FindIterable<Document> found = events.find(new Document(ID, new Document("$gte", first).append("$lt", end)));
        if (projection != null) {
            found = found.projection(projection);
        }
        for (Document doc : found) {
            result.put(CommitDocs.id(doc), doc);
        }
        return result;
    }

    /**
     * The commit holding {@code position}, found by probing {@code _id}s backwards from it with exact lookups.
     * Commits hold at most {@link LedgerSchema#MAX_COMMIT_EVENTS} events, which bounds the probe.
     */
    Optional<Document> commitContaining(long position, Bson projection) {
        if (position < 1) {
            return Optional.empty();
        }
        long lowest = Math.max(1, position - MAX_COMMIT_EVENTS + 1);
        for (long hi = position; hi >= lowest; hi -= CHAIN_BATCH) {
            long lo = Math.max(lowest, hi - CHAIN_BATCH + 1);
            NavigableMap<Long, Document> docs = byIdRange(lo, (int) (hi - lo + 1), projection);
            Map.Entry<Long, Document> closest = docs.floorEntry(position);
            if (closest != null) {
                // The closest commit starting at or before the position either holds it, or ends before it; in the
                // latter case the next commit would start inside the probed range, and it is not there.
                Document doc = closest.getValue();
                return CommitDocs.last(doc) >= position ? Optional.of(doc) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The commits holding any of the given stream keys, each once and ordered by {@code _id}. The server may
     * return a commit once per matching key, hence the de-duplication.
     */
    List<Document> byStreamKeys(List<String> keys, Bson projection) {
        FindIterable<Document> found = events.find(new Document(STREAM_KEYS, new Document("$in", keys)));
        if (projection != null) {
            found = found.projection(projection);
        }
        Map<Long, Document> unique = new LinkedHashMap<>();
        for (Document doc : found) {
            unique.putIfAbsent(CommitDocs.id(doc), doc);
        }
        return new ArrayList<>(new TreeMap<>(unique).values());
    }

    Optional<Document> byRequestKey(String requestKey) {
        return Optional.ofNullable(events.find(new Document(REQUEST_KEY, requestKey))
                                         .projection(new Document(LAST, 1))
                                         .first());
    }

    /**
     * Follows the chain forward from a known commit boundary with {@code _id $in} batches until no commit starts
     * at the next position. Each commit says where the next one starts ({@code last + 1}).
     */
    LedgerHead followChain(LedgerHead from) {
        LedgerHead head = from;
        while (true) {
            long next = head.position() + 1;
            long rangeEnd = next + CHAIN_BATCH - 1;
            NavigableMap<Long, Document> docs = byIdRange(next, CHAIN_BATCH, HEAD_PROJECTION);
            Document doc;
            while ((doc = docs.get(head.position() + 1)) != null) {
                head = new LedgerHead(CommitDocs.last(doc), CommitDocs.lastHash(doc));
            }
            if (head.position() + 1 <= rangeEnd) {
                // The next commit would have started inside the range just read, and it is not there.
                return head;
            }
        }
    }
}
