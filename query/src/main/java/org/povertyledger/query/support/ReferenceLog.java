package org.povertyledger.query.support;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;

/**
 * A small append-only copy of the reference events a projection needs in full (the administrative map, the
 * indicator catalogue): one document per event, {@code _id} = its global log position, plus a head document
 * naming the last position the owning processing group has processed and when that event was recorded.
 *
 * <p>Readers load the entries once and keep them in memory; the head tells them, with one {@code _id} read,
 * whether anything was added. Reference events are few (a map has thousands of units, not millions), which is
 * what makes the one scan on change acceptable on the embedded store.
 */
public final class ReferenceLog {

    /** One stored reference event. */
    public record Entry(long position, Instant recordedAt, String type, Document data) {
    }

    /**
     * The last position processed by the owning group (-1: none), the time it was recorded, how many entries exist
     * and the position of the last one (-1: none).
     */
    public record Head(long position, Instant recordedAt, long entries, long lastEntryPosition) {
        public static final Head EMPTY = new Head(-1, null, 0, -1);
    }

    private static final String HEAD_ID = "head";

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> heads;
    private volatile Loaded cache = new Loaded(-1, -1, List.of());

    public ReferenceLog(MongoDatabase database, String collection) {
        this.entries = database.getCollection(collection);
        this.heads = database.getCollection(collection + "_head");
    }

    /** Stores entries (idempotent: keyed by position). */
    public void append(List<Entry> added) {
        if (added.isEmpty()) {
            return;
        }
        List<ReplaceOneModel<Document>> models = new ArrayList<>(added.size());
        for (Entry entry : added) {
            Document document = new Document("_id", entry.position())
                    .append("t", DocumentValues.text(entry.recordedAt()))
                    .append("type", entry.type())
                    .append("data", entry.data());
            models.add(new ReplaceOneModel<>(eq("_id", entry.position()), document, new ReplaceOptions().upsert(true)));
        }
        entries.bulkWrite(models, new BulkWriteOptions().ordered(false));
    }

    /** Records the group's progress; written last in a batch, after every document of the batch. */
    public void writeHead(Head head) {
        Document document = new Document("_id", HEAD_ID)
                .append("position", head.position())
                .append("t", DocumentValues.text(head.recordedAt()))
                .append("entries", head.entries())
                .append("lastEntry", head.lastEntryPosition());
        heads.replaceOne(eq("_id", HEAD_ID), document, new ReplaceOptions().upsert(true));
    }

    /** The group's progress, {@link Head#EMPTY} before anything was processed. */
    public Head head() {
        Document document = heads.find(eq("_id", HEAD_ID)).first();
        if (document == null) {
            return Head.EMPTY;
        }
        return new Head(DocumentValues.longValue(document, "position"), DocumentValues.instant(document, "t"),
                DocumentValues.longValue(document, "entries"), DocumentValues.longValue(document, "lastEntry"));
    }

    /**
     * Every entry, in position order, as of {@code head}; reloaded only when the head names more entries or
     * another last entry than the cached copy.
     */
    public List<Entry> entries(Head head) {
        Loaded loaded = cache;
        if (loaded.count == head.entries() && loaded.lastPosition == head.lastEntryPosition()) {
            return loaded.entries;
        }
        List<Entry> all = new ArrayList<>();
        for (Document document : entries.find()) {
            all.add(new Entry(DocumentValues.longValue(document, "_id"), DocumentValues.instant(document, "t"),
                    document.getString("type"), document.get("data", Document.class)));
        }
        all.sort(Comparator.comparingLong(Entry::position));
        // Entries beyond the head belong to a batch still being written: not part of this answer.
        List<Entry> upToHead = all.stream().filter(e -> e.position() <= head.position()).toList();
        if (upToHead.size() == head.entries()) {
            cache = new Loaded(head.entries(), head.lastEntryPosition(), upToHead);
        }
        return upToHead;
    }

    /** Forgets everything (on reset). */
    public void clear() {
        ReadModelReset.clear(entries);
        ReadModelReset.clear(heads);
        cache = new Loaded(-1, -1, List.of());
    }

    private record Loaded(long count, long lastPosition, List<Entry> entries) {
    }
}
