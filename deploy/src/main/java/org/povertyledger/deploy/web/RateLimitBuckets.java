package org.povertyledger.deploy.web;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where the token buckets of the rate limits live: in this node's memory, or in the store, shared by every node
 * on it (see {@link StoreRateLimitBuckets}). A bucket is named by a key and holds {@code capacity} tokens, refilled
 * greedily at {@code capacity} per {@code period}.
 */
public interface RateLimitBuckets {

    /** The bucket of {@code key}; created full on first use. */
    Bucket bucket(String key, long capacity, Duration period);

    /** The configuration of a bucket of {@code capacity} tokens per {@code period}. */
    static BucketConfiguration configuration(long capacity, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build();
    }
}
