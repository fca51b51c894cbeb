package org.povertyledger.deploy.web;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Buckets in the store (collection {@value #COLLECTION}), so that every node on one store draws on the same
 * budget. Bucket4j's compare-and-swap protocol over one document per bucket, {@code {_id: key, state: <bucket4j
 * state bytes>, version, expiresAt}}: read the document, let Bucket4j compute the new state, write it only if
 * {@code version} is still the one read (or insert it if there was none), else read again. Two round trips per
 * request and bucket; a document is deleted once its bucket would have refilled completely (it would start full
 * anyway), by a TTL index on a real MongoDB and by a sweep at most once a minute on the embedded store.
 */
final class StoreRateLimitBuckets implements RateLimitBuckets {

    static final String COLLECTION = "rate_limit_buckets";

    private static final long SWEEP_EVERY_MILLIS = 60_000;

    private final MongoCollection<Document> buckets;
    private final ProxyManager proxies;
    private final AtomicLong lastSweep = new AtomicLong(System.currentTimeMillis());

    StoreRateLimitBuckets(MongoDatabase database) {
        this.buckets = database.getCollection(COLLECTION);
        try {
            buckets.createIndex(new Document("expiresAt", 1),
                    new com.mongodb.client.model.IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        } catch (RuntimeException ignored) {
            // a store without TTL indexes: the sweep below removes expired buckets
        }
        this.proxies = new ProxyManager(buckets, ClientSideConfig.getDefault().withExpirationAfterWriteStrategy(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10))));
    }

    @Override
    public Bucket bucket(String key, long capacity, Duration period) {
        sweep();
        // the limit is part of the name: a changed configuration starts new buckets instead of reading old ones
        return proxies.builder().build(key + "/" + capacity + "/" + period,
                () -> RateLimitBuckets.configuration(capacity, period));
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        long last = lastSweep.get();
        if (now - last >= SWEEP_EVERY_MILLIS && lastSweep.compareAndSet(last, now)) {
            buckets.deleteMany(lt("expiresAt", new Date(now)));
        }
    }

    /** Bucket4j's generic compare-and-swap proxy manager over one MongoDB collection. */
    private static final class ProxyManager extends AbstractCompareAndSwapBasedProxyManager<String> {

        private final MongoCollection<Document> buckets;

        ProxyManager(MongoCollection<Document> buckets, ClientSideConfig config) {
            super(config);
            this.buckets = buckets;
        }

        @Override
        protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
            return new CompareAndSwapOperation() {
                private Long version;

                @Override
                public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                    Document document = buckets.find(eq("_id", key)).first();
                    if (document == null) {
                        version = null;
                        return Optional.empty();
                    }
                    version = document.get("version", Number.class).longValue();
                    return Optional.of(document.get("state", Binary.class).getData());
                }

                @Override
                public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
                                              Optional<Long> timeoutNanos) {
                    Date expiresAt = new Date(System.currentTimeMillis() + getClientSideConfig()
                            .getExpirationAfterWriteStrategy()
                            .map(s -> s.calculateTimeToLiveMillis(newState, currentTimeNanos()))
                            .orElse(Duration.ofDays(1).toMillis()));
                    if (version == null) {
                        try {
                            buckets.insertOne(new Document("_id", key).append("state", new Binary(newData))
                                    .append("version", 1L).append("expiresAt", expiresAt));
                            return true;
                        } catch (MongoWriteException e) {
                            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                                return false; // another request or node created it first: read it again
                            }
                            throw e;
                        }
                    }
                    return buckets.updateOne(and(eq("_id", key), eq("version", version)),
                            combine(set("state", new Binary(newData)), set("version", version + 1),
                                    set("expiresAt", expiresAt))).getModifiedCount() == 1;
                }
            };
        }

        @Override
        protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
            throw new UnsupportedOperationException("the store buckets are used synchronously");
        }

        @Override
        protected CompletableFuture<Void> removeAsync(String key) {
            throw new UnsupportedOperationException("the store buckets are used synchronously");
        }

        @Override
        public void removeProxy(String key) {
            buckets.deleteOne(eq("_id", key));
        }

        @Override
        public boolean isAsyncModeSupported() {
            return false;
        }

        /** {@code expiresAt} is written with every state; a TTL index or the sweep removes what expired. */
        @Override
        public boolean isExpireAfterWriteSupported() {
            return true;
        }
    }
}
