package org.povertyledger.query.support;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

/**
 * A time → position index kept by a projection next to its read model, so that {@code asKnownAt} a time costs a
 * few exact {@code _id} reads whatever the length of the log (the ledger's own {@code createTokenAt} is a binary
 * search over the whole log: about 20 reads of large commit documents at a million events).
 *
 * <p>Slots at five granularities, each document keyed {@code <level>:<slot>} and holding the greatest position
 * recorded in its slot ({@code p}): second, minute, hour, day and 366-day slots; a second's document also keeps
 * the greatest position per millisecond ({@code m}), which makes the answer exact to the millisecond. Every
 * write is a {@code $max} upsert: idempotent, so a batch retried after a failure changes nothing.
 *
 * <p>Looking up time T: the millisecond entries of T's second at or below T; failing those, the slots of the
 * rest of T's minute before T's second in one {@code $in}, the greatest non-empty slot answering; failing those,
 * the earlier hours' minutes, and so on upwards. Every slot read lies wholly before T, and a level is only left
 * once the part of its parent slot before T is known to be empty, so the answer is the greatest position
 * recorded at or before T: at most six reads of small documents, at most 366 ids each.
 *
 * <p>Positions are assumed to be recorded in time order (one appending node, or nodes whose clocks agree); with
 * skewed clocks the answer is the greatest position of the latest slot at or before T, as precise as the clocks.
 */
public final class RecordedTimeIndex implements PositionClock {

    /** Slot lengths in milliseconds, finest first; each divides the next. */
    private static final long[] SLOT_MILLIS = {1_000L, 60_000L, 3_600_000L, 86_400_000L, 366L * 86_400_000L};
    private static final String[] LEVEL = {"s", "m", "h", "d", "y"};
    /** Slots of the top level looked at before giving up: about a century. */
    private static final int TOP_LEVEL_WINDOW = 100;

    private final MongoCollection<Document> slots;

    public RecordedTimeIndex(MongoDatabase database, String collection) {
        this.slots = database.getCollection(collection);
    }

    /** Records that {@code position} was recorded at {@code recordedAt}s, for a batch of events at once. */
    public void record(Map<Long, Instant> recordedAtByPosition) {
        if (recordedAtByPosition.isEmpty()) {
            return;
        }
        Map<String, Long> greatest = new TreeMap<>();
        Map<Long, Map<String, Long>> millisBySecond = new HashMap<>();
        recordedAtByPosition.forEach((position, time) -> {
            long millis = time.toEpochMilli();
            for (int level = 0; level < SLOT_MILLIS.length; level++) {
                greatest.merge(id(level, Math.floorDiv(millis, SLOT_MILLIS[level])), position, Math::max);
            }
            millisBySecond.computeIfAbsent(Math.floorDiv(millis, SLOT_MILLIS[0]), s -> new HashMap<>())
                    .merge("m." + Math.floorMod(millis, SLOT_MILLIS[0]), position, Math::max);
        });
        List<WriteModel<Document>> writes = new ArrayList<>(greatest.size());
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        greatest.forEach((id, position) -> {
            List<org.bson.conversions.Bson> updates = new ArrayList<>();
            updates.add(Updates.max("p", position));
            if (id.startsWith(LEVEL[0] + ":")) {
                long second = Long.parseLong(id.substring(2));
                millisBySecond.get(second).forEach((field, p) -> updates.add(Updates.max(field, p)));
            }
            writes.add(new UpdateOneModel<>(eq("_id", id), Updates.combine(updates), upsert));
        });
        slots.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** The greatest position recorded at or before {@code time}; 0 when none. */
    @Override
    public long positionAt(Instant time) {
        long millis = time.toEpochMilli();
        long second = Math.floorDiv(millis, SLOT_MILLIS[0]);
        Document own = slots.find(eq("_id", id(0, second))).first();
        if (own != null) {
            long withinSecond = Math.floorMod(millis, SLOT_MILLIS[0]);
            Document perMilli = own.get("m", Document.class);
            long best = -1;
            if (perMilli != null) {
                for (Map.Entry<String, Object> entry : perMilli.entrySet()) {
                    if (Long.parseLong(entry.getKey()) <= withinSecond) {
                        best = Math.max(best, ((Number) entry.getValue()).longValue());
                    }
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        // The last slot of this level wholly before the time.
        long upper = second - 1;
        for (int level = 0; level < SLOT_MILLIS.length; level++) {
            boolean top = level == SLOT_MILLIS.length - 1;
            long lower = top ? upper - TOP_LEVEL_WINDOW + 1
                    : Math.floorDiv(upper, SLOT_MILLIS[level + 1] / SLOT_MILLIS[level])
                    * (SLOT_MILLIS[level + 1] / SLOT_MILLIS[level]);
            List<String> ids = new ArrayList<>();
            for (long slot = lower; slot <= upper; slot++) {
                ids.add(id(level, slot));
            }
            long best = -1;
            for (Document document : slots.find(in("_id", ids))) {
                best = Math.max(best, DocumentValues.longValue(document, "p"));
            }
            if (best >= 0) {
                return best;
            }
            if (!top) {
                upper = Math.floorDiv(upper, SLOT_MILLIS[level + 1] / SLOT_MILLIS[level]) - 1;
            }
        }
        return 0;
    }

    /** Empties the index (before a replay). */
    public void clear() {
        ReadModelReset.clear(slots);
    }

    private static String id(int level, long slot) {
        return LEVEL[level] + ":" + slot;
    }
}
