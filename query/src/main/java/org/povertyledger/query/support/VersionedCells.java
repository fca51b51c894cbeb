package org.povertyledger.query.support;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Small states ("cells", e.g. the counts of one commune and review year) with their whole history on the
 * transaction-time axis, readable at any log position with {@code _id} lookups only.
 *
 * <p>Every event that changes a cell adds a <em>version</em>: the state after that event, the event's global
 * position and its recorded time. The state at position P is that of the last version at or below P: exactly
 * what the cell held once the log up to P had been applied, whatever the batching.
 *
 * <p>Storage keeps documents small whatever the history's length: the head document ({@code _id} = cell id)
 * holds the current state, the most recent versions (at most {@value #TAIL} of them) and the position range of
 * each sealed chunk; older versions live in chunk documents ({@code _id} = cell id + "#" + chunk number) of
 * {@value #TAIL} versions each, in collection {@code <name>_history}. Reading at P costs one {@code $in} over
 * the heads and, only for cells whose answer lies in a sealed chunk, one {@code $in} over those chunks.
 */
public final class VersionedCells {

    /** Versions kept in a head document before they are sealed into a chunk. */
    public static final int TAIL = 32;

    /** A cell's state after the event at {@code position}. */
    public record Version(long position, long recordedAtMillis, Document state) {

        Document toDocument() {
            return new Document("p", position).append("t", recordedAtMillis).append("s", state);
        }

        static Version of(Document document) {
            return new Version(DocumentValues.longValue(document, "p"), DocumentValues.longValue(document, "t"),
                    document.get("s", Document.class));
        }
    }

    /** A head document in memory, changed by {@link #append} and stored by {@link #write}. */
    public static final class Cell {
        private final String id;
        private Version current;
        private final List<Version> tail;
        private final List<long[]> chunks;
        private final List<Document> sealed = new ArrayList<>();

        private Cell(String id, Version current, List<Version> tail, List<long[]> chunks) {
            this.id = id;
            this.current = current;
            this.tail = tail;
            this.chunks = chunks;
        }

        public String id() {
            return id;
        }

        /** The position of the last applied change; -1 for a new cell. */
        public long position() {
            return current == null ? -1 : current.position();
        }

        /** The current state, {@code null} for a new cell. */
        public Document state() {
            return current == null ? null : current.state();
        }
    }

    private final MongoCollection<Document> heads;
    private final MongoCollection<Document> chunks;

    public VersionedCells(MongoDatabase database, String collection) {
        this.heads = database.getCollection(collection);
        this.chunks = database.getCollection(collection + "_history");
    }

    /** The head documents of the given cells; absent cells come back new (empty). */
    public Map<String, Cell> load(Collection<String> ids) {
        Map<String, Cell> cells = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Document document : heads.find(in("_id", new LinkedHashSet<>(ids)))) {
                Cell cell = decode(document);
                cells.put(cell.id, cell);
            }
        }
        for (String id : ids) {
            cells.computeIfAbsent(id, k -> new Cell(k, null, new ArrayList<>(), new ArrayList<>()));
        }
        return cells;
    }

    /**
     * Adds the version {@code state} at {@code position} to the cell. A position at or below the cell's is a
     * redelivery and ignored; returns whether the version was added.
     */
    public boolean append(Cell cell, long position, long recordedAtMillis, Document state) {
        if (position <= cell.position()) {
            return false;
        }
        Version version = new Version(position, recordedAtMillis, state);
        cell.tail.add(version);
        cell.current = version;
        if (cell.tail.size() >= TAIL) {
            int number = cell.chunks.size();
            Document chunk = new Document("_id", chunkId(cell.id, number))
                    .append("versions", cell.tail.stream().map(Version::toDocument).toList());
            cell.sealed.add(chunk);
            cell.chunks.add(new long[] {cell.tail.get(0).position(), position});
            cell.tail.clear();
        }
        return true;
    }

    /**
     * Writes the changed cells: sealed chunks first, then the heads, so that a head never names a chunk that
     * is not stored. Both writes are idempotent upserts by {@code _id}.
     */
    public void write(Collection<Cell> changed) {
        List<ReplaceOneModel<Document>> chunkModels = new ArrayList<>();
        List<ReplaceOneModel<Document>> headModels = new ArrayList<>();
        for (Cell cell : changed) {
            for (Document chunk : cell.sealed) {
                chunkModels.add(new ReplaceOneModel<>(eq("_id", chunk.get("_id")), chunk,
                        new ReplaceOptions().upsert(true)));
            }
            cell.sealed.clear();
            if (cell.current != null) {
                Document head = encode(cell);
                headModels.add(new ReplaceOneModel<>(eq("_id", cell.id), head, new ReplaceOptions().upsert(true)));
            }
        }
        if (!chunkModels.isEmpty()) {
            chunks.bulkWrite(chunkModels, new BulkWriteOptions().ordered(false));
        }
        if (!headModels.isEmpty()) {
            heads.bulkWrite(headModels, new BulkWriteOptions().ordered(false));
        }
    }

    /**
     * The version of each cell in force at log position {@code position}: the last version at or below it.
     * Cells without such a version are absent from the answer.
     */
    public Map<String, Version> versionsAt(Collection<String> ids, long position) {
        Map<String, Version> answer = new HashMap<>();
        if (ids.isEmpty()) {
            return answer;
        }
        Map<String, String> chunkWanted = new HashMap<>();
        for (Document document : heads.find(in("_id", new LinkedHashSet<>(ids)))) {
            Cell cell = decode(document);
            if (cell.current.position() <= position) {
                answer.put(cell.id, cell.current);
                continue;
            }
            Version inTail = lastAtOrBelow(cell.tail, position);
            if (inTail != null) {
                answer.put(cell.id, inTail);
                continue;
            }
            for (int i = cell.chunks.size() - 1; i >= 0; i--) {
                if (cell.chunks.get(i)[0] <= position) {
                    chunkWanted.put(chunkId(cell.id, i), cell.id);
                    break;
                }
            }
        }
        if (!chunkWanted.isEmpty()) {
            for (Document chunk : chunks.find(in("_id", chunkWanted.keySet()))) {
                List<Version> versions = chunk.getList("versions", Document.class).stream().map(Version::of).toList();
                Version version = lastAtOrBelow(versions, position);
                if (version != null) {
                    answer.put(chunkWanted.get(chunk.getString("_id")), version);
                }
            }
        }
        return answer;
    }

    /** Forgets every cell (on reset). */
    public void clear() {
        ReadModelReset.clear(heads);
        ReadModelReset.clear(chunks);
    }

    private static Version lastAtOrBelow(List<Version> versions, long position) {
        Version found = null;
        for (Version version : versions) {
            if (version.position() > position) {
                break;
            }
            found = version;
        }
        return found;
    }

    private static String chunkId(String cellId, int number) {
        return cellId + "#" + number;
    }

    private static Document encode(Cell cell) {
        List<List<Long>> ranges = new ArrayList<>(cell.chunks.size());
        for (long[] range : cell.chunks) {
            ranges.add(List.of(range[0], range[1]));
        }
        return new Document("_id", cell.id)
                .append("p", cell.current.position())
                .append("t", cell.current.recordedAtMillis())
                .append("s", cell.current.state())
                .append("tail", cell.tail.stream().map(Version::toDocument).toList())
                .append("chunks", ranges);
    }

    private static Cell decode(Document document) {
        Version current = new Version(DocumentValues.longValue(document, "p"), DocumentValues.longValue(document, "t"),
                document.get("s", Document.class));
        List<Version> tail = new ArrayList<>(document.getList("tail", Document.class, List.of()).stream()
                .map(Version::of).toList());
        List<long[]> ranges = new ArrayList<>();
        for (Object range : document.getList("chunks", Object.class, List.of())) {
            List<?> pair = (List<?>) range;
            ranges.add(new long[] {((Number) pair.get(0)).longValue(), ((Number) pair.get(1)).longValue()});
        }
        return new Cell(document.getString("_id"), current, tail, ranges);
    }
}
