package org.povertyledger.deploy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;

/**
 * The store's buckets against the embedded store over TCP, as nodes use it: two instances (two nodes, each with its
 * own client) racing on one bucket never hand out more tokens than it holds, and the cost of a token from the store
 * next to one from memory, printed (measured in this run, not asserted).
 */
class StoreRateLimitBucketsTest {

    @TempDir
    Path dataDir;

    @Test
    void twoNodesRacingOnOneBucketNeverGetMoreThanItsCapacity() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, "127.0.0.1", 0);
             MongoClient clientA = MongoClients.create(server.connectionString());
             MongoClient clientB = MongoClients.create(server.connectionString())) {
            MongoDatabase a = clientA.getDatabase("limits");
            List<RateLimitBuckets> nodes = List.of(new StoreRateLimitBuckets(a),
                    new StoreRateLimitBuckets(clientB.getDatabase("limits")));
            AtomicInteger granted = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                RateLimitBuckets node = nodes.get(t % 2);
                running.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        if (node.bucket("WRITES/user:hoa", 100, Duration.ofHours(1)).tryConsume(1)) {
                            granted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
            threads.shutdown();
            assertThat(granted.get()).as("160 attempts on a bucket of 100").isEqualTo(100);
            assertThat(nodes.get(1).bucket("WRITES/user:hoa", 100, Duration.ofHours(1)).getAvailableTokens())
                    .isZero();
            assertThat(nodes.get(0).bucket("WRITES/user:lan", 100, Duration.ofHours(1)).getAvailableTokens())
                    .as("another key is another bucket").isEqualTo(100);
            assertThat(a.getCollection(StoreRateLimitBuckets.COLLECTION).countDocuments()).isEqualTo(2);

            double store = medianMicros(nodes.get(0));
            double memory = medianMicros(new LocalRateLimitBuckets());
            System.out.printf("rate-limit token: store median %.0f us, memory median %.1f us, ratio %.0f%n", store,
                    memory, store / Math.max(memory, 0.1));
        }
    }

    /** The median time of one token, over 500 tokens of 50 keys. */
    private static double medianMicros(RateLimitBuckets buckets) {
        long[] nanos = new long[500];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            buckets.bucket("FEED/address:10.0.0." + (i % 50), 1_000_000, Duration.ofMinutes(1)).tryConsume(1);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[nanos.length / 2] / 1_000.0;
    }
}
