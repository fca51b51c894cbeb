package org.povertyledger.deploy.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;

/**
 * Buckets in this node's memory: exact for a single node (the embedded store admits one service process), but
 * each node of a cluster would count on its own.
 */
final class LocalRateLimitBuckets implements RateLimitBuckets {

    /** Above this many buckets, full (idle) ones are dropped: they would only start full again. */
    private static final int MAX_BUCKETS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Bucket bucket(String key, long capacity, Duration period) {
        String name = key + "/" + capacity + "/" + period;
        Bucket bucket = buckets.get(name);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
        }
        return buckets.computeIfAbsent(name, k -> Bucket.builder()
                .addLimit(RateLimitBuckets.configuration(capacity, period).getBandwidths()[0])
                .build());
    }
}
