package org.povertyledger.command.personaldata;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Data keys in collection {@value #COLLECTION}: {@code {_id: householdId, kid, key, createdAt}} while active,
 * {@code {_id, erasedAt, erasedBy}} once destroyed (the key bytes are gone from the document; backups of the
 * collection keep them until they expire, see docs/personal-data-and-limits.md).
 *
 * <p>Lookups are cached in-process for {@code cacheTtl}: every read of a household event needs its key, and a
 * replay reads each household's events many times over. An erasure evicts the entry on the node that performs it;
 * other nodes of a scaled-out deployment stop decrypting within {@code cacheTtl}.
 */
public final class MongoHouseholdKeyStore implements HouseholdKeyStore {

    public static final String COLLECTION = "household_keys";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Households per {@code $in} read and per {@code insertMany} of {@link #keysForWriting}. */
    private static final int BATCH = 1000;

    private final MongoCollection<Document> keys;
    private final long ttlNanos;
    private final Map<String, Cached> cache;

    public MongoHouseholdKeyStore(MongoDatabase database, Duration cacheTtl, int cacheSize) {
        this.keys = database.getCollection(COLLECTION)
                .withWriteConcern(WriteConcern.MAJORITY).withReadConcern(ReadConcern.MAJORITY);
        this.ttlNanos = cacheTtl.toNanos();
        this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > cacheSize;
            }
        };
    }

    @Override
    public KeyState lookup(String householdId) {
        long now = System.nanoTime();
        synchronized (cache) {
            Cached cached = cache.get(householdId);
            if (cached != null && now - cached.loadedAt < ttlNanos) {
                return cached.state;
            }
        }
        return remember(householdId, read(householdId), now);
    }

    @Override
    public KeyState keyForWriting(String householdId) {
        KeyState state = lookup(householdId);
        if (state.erased() || state.key() != null) {
            return state;
        }
        DataKey key = newKey();
        try {
            keys.insertOne(keyDocument(householdId, key));
            return remember(householdId, KeyState.active(key), System.nanoTime());
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another writer created (or destroyed) it first: theirs is the key.
            return remember(householdId, read(householdId), System.nanoTime());
        }
    }

    /**
     * Reads the keys with one {@code $in} per {@value #BATCH} households and creates the missing ones
     * with one unordered {@code insertMany} per {@value #BATCH}: a bulk append of many new households costs a few
     * durable writes instead of one per household. A key another writer created meanwhile is read back and used.
     */
    @Override
    public Map<String, KeyState> keysForWriting(Collection<String> householdIds) {
        Map<String, KeyState> states = new LinkedHashMap<>();
        // Every key is read afresh (in bulk it is cheap), which also renews the cache for the readers that follow a
        // bulk append: the processors open these households' events right after it.
        List<String> unknown = List.copyOf(new LinkedHashSet<>(householdIds));
        long now = System.nanoTime();
        for (int from = 0; from < unknown.size(); from += BATCH) {
            List<String> batch = unknown.subList(from, Math.min(unknown.size(), from + BATCH));
            Map<String, KeyState> read = readAll(batch);
            List<Document> created = new ArrayList<>();
            Map<String, DataKey> newKeys = new LinkedHashMap<>();
            for (String householdId : batch) {
                KeyState state = read.getOrDefault(householdId, KeyState.NONE);
                if (state.erased() || state.key() != null) {
                    states.put(householdId, remember(householdId, state, now));
                } else {
                    DataKey key = newKey();
                    newKeys.put(householdId, key);
                    created.add(keyDocument(householdId, key));
                }
            }
            if (created.isEmpty()) {
                continue;
            }
            Set<String> taken = new LinkedHashSet<>();
            try {
                keys.insertMany(created, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                e.getWriteErrors().forEach(error -> {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    taken.add(created.get(error.getIndex()).getString("_id"));
                });
            }
            Map<String, KeyState> theirs = taken.isEmpty() ? Map.of() : readAll(List.copyOf(taken));
            long stored = System.nanoTime();
            newKeys.forEach((householdId, key) -> states.put(householdId, remember(householdId,
                    taken.contains(householdId) ? theirs.getOrDefault(householdId, KeyState.NONE)
                            : KeyState.active(key), stored)));
        }
        return states;
    }

    @Override
    public boolean destroy(String householdId, String erasedBy, Instant erasedAt) {
        Document current = keys.find(Filters.eq("_id", householdId)).first();
        boolean destroyedNow = current == null || current.get("erasedAt") == null;
        if (destroyedNow) {
            keys.replaceOne(Filters.eq("_id", householdId),
                    new Document("_id", householdId).append("erasedAt", Date.from(erasedAt))
                            .append("erasedBy", erasedBy),
                    new ReplaceOptions().upsert(true));
        }
        remember(householdId, KeyState.ERASED, System.nanoTime());
        return destroyedNow;
    }

    private static DataKey newKey() {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        byte[] kid = new byte[8];
        RANDOM.nextBytes(kid);
        return new DataKey(HexFormat.of().formatHex(kid), material);
    }

    private static Document keyDocument(String householdId, DataKey key) {
        return new Document("_id", householdId).append("kid", key.kid())
                .append("key", new Binary(key.material())).append("createdAt", new Date());
    }

    private Map<String, KeyState> readAll(List<String> householdIds) {
        Map<String, KeyState> states = new LinkedHashMap<>();
        for (Document doc : keys.find(Filters.in("_id", householdIds))) {
            states.put(doc.getString("_id"), state(doc));
        }
        return states;
    }

    private KeyState read(String householdId) {
        return state(keys.find(Filters.eq("_id", householdId)).first());
    }

    private static KeyState state(Document doc) {
        if (doc == null) {
            return KeyState.NONE;
        }
        if (doc.get("erasedAt") != null || doc.get("key") == null) {
            return KeyState.ERASED;
        }
        return KeyState.active(new DataKey(doc.getString("kid"), doc.get("key", Binary.class).getData()));
    }

    private KeyState remember(String householdId, KeyState state, long loadedAt) {
        synchronized (cache) {
            cache.put(householdId, new Cached(state, loadedAt));
        }
        return state;
    }

    private record Cached(KeyState state, long loadedAt) {
    }
}
