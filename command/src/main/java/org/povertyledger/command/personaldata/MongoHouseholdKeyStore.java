package org.povertyledger.command.personaldata;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
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
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        byte[] kid = new byte[8];
        RANDOM.nextBytes(kid);
        DataKey key = new DataKey(HexFormat.of().formatHex(kid), material);
        try {
            keys.insertOne(new Document("_id", householdId).append("kid", key.kid())
                    .append("key", new Binary(material)).append("createdAt", new Date()));
            return remember(householdId, KeyState.active(key), System.nanoTime());
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another writer created (or destroyed) it first: theirs is the key.
            return remember(householdId, read(householdId), System.nanoTime());
        }
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

    private KeyState read(String householdId) {
        Document doc = keys.find(Filters.eq("_id", householdId)).first();
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
