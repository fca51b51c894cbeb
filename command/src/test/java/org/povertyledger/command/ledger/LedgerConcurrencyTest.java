package org.povertyledger.command.ledger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.LedgerFixture.Announcement;
import org.povertyledger.command.ledger.LedgerFixture.Assessed;
import org.povertyledger.command.ledger.LedgerFixture.Registered;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyledger.command.ledger.LedgerFixture.event;
import static org.povertyledger.command.ledger.LedgerFixture.plainEvent;

/**
 * Many threads, one engine (and, in the second test, two engines on one store), appending concurrently with
 * deliberate sequence-number conflicts, multi-event commits and events without an aggregate.
 */
class LedgerConcurrencyTest {

    private static final int THREADS = 8;
    private static final int COMMITS_PER_THREAD = 300;

    @TempDir
    Path dataDir;

    @Test
    void concurrentAppendsOnOneEngineStayGaplessOrderedAndAtomic() throws Exception {
        try (LedgerFixture fixture = LedgerFixture.start(dataDir)) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            MongoLedgerStorageEngine engine = LedgerFixture.builder(fixture.newDatabase()).meterRegistry(meters)
                                                           .build();
            engine.ensureIndexes();
            Workload workload = new Workload();
            workload.seedPairs(engine);

            long started = System.nanoTime();
            workload.run(t -> engine);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;

            int events = workload.assertLedger(engine, engine.verifier());
            System.out.printf("one engine: %d commits (%d events) in %d ms, %d conflicts, %d position retries, "
                                      + "%d syncs%n",
                              workload.acked.size(), events, elapsedMs, workload.conflicts.get(),
                              (long) meters.counter("ledger.append.position-retries").count(),
                              fixture.server.durabilityStats().syncs());
            assertThat(meters.get("ledger.head.position").gauge().value()).isEqualTo(events);
            assertThat(meters.get("ledger.append").tag("outcome", "conflict").timer().count())
                    .isEqualTo(workload.conflicts.get());
        }
    }

    @Test
    void twoEnginesOnOneStoreStayGaplessAndOrdered() throws Exception {
        try (LedgerFixture fixture = LedgerFixture.start(dataDir)) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            // Two clients, two engines with their own head caches: like two nodes sharing the embedded server.
            MongoLedgerStorageEngine first = LedgerFixture.builder(fixture.newDatabase()).meterRegistry(meters)
                                                          .build();
            MongoLedgerStorageEngine second = LedgerFixture.builder(fixture.newDatabase()).meterRegistry(meters)
                                                           .build();
            first.ensureIndexes();
            second.ensureIndexes();
            Workload workload = new Workload();
            workload.seedPairs(first);

            long started = System.nanoTime();
            // Threads of one conflict pair sit on different engines, so conflicts also cross engines.
            workload.run(t -> t % 2 == 0 ? first : second);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;

            int events = workload.assertLedger(first, first.verifier());
            assertThat(second.head()).isEqualTo(first.head());
            double retries = meters.counter("ledger.append.position-retries").count();
            System.out.printf("two engines: %d commits (%d events) in %d ms, %d conflicts, %.0f position retries%n",
                              workload.acked.size(), events, elapsedMs, workload.conflicts.get(), retries);
            // Each engine's appends make the other's cached head stale: the collision path must have been taken.
            assertThat(retries).isPositive();
        }
    }

    /** The concurrent workload and what it observed. */
    private static final class Workload {

        final Queue<List<String>> acked = new ConcurrentLinkedQueue<>();
        final Queue<List<String>> failed = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicInteger> pairWins = new ConcurrentHashMap<>();
        final Map<String, Integer> ownStreamLengths = new ConcurrentHashMap<>();
        final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        final AtomicInteger conflicts = new AtomicInteger();
        int pairAttempts;

        void seedPairs(MongoLedgerStorageEngine engine) {
            // Sequence 0 exists up front, so every clash below is on sequence >= 1 and Axon reports it as a
            // ConcurrencyException (a clash on 0 would be an AggregateStreamCreationException).
            for (int pair = 0; pair < THREADS / 2; pair++) {
                engine.appendEvents(event(pairAggregate(pair), 0, new Registered(pairAggregate(pair), "seed")));
            }
        }

        void run(java.util.function.IntFunction<MongoLedgerStorageEngine> engineForThread) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        work(thread, engineForThread.apply(thread));
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            pairAttempts = THREADS * (COMMITS_PER_THREAD / 5);
        }

        private void work(int thread, MongoLedgerStorageEngine engine) {
            String own = "own-" + thread;
            long ownSeq = 0;
            long pairSeq = 0;
            for (int i = 0; i < COMMITS_PER_THREAD; i++) {
                List<EventMessage<?>> commit = new ArrayList<>();
                String pairKey = null;
                if (i % 5 == 4) {
                    // Both threads of the pair try the same next sequence number: exactly one may win.
                    pairSeq++;
                    String pair = pairAggregate(thread / 2);
                    pairKey = pair + "#" + pairSeq;
                    commit.add(event(pair, pairSeq, new Assessed(pair, thread)));
                } else if (i % 7 == 3) {
                    commit.add(plainEvent(new Announcement("thread " + thread + " commit " + i)));
                    commit.add(plainEvent(new Announcement("thread " + thread + " commit " + i + " again")));
                } else {
                    int size = i % 3 == 0 ? 2 + (i % 4) : 1;
                    for (int k = 0; k < size; k++) {
                        commit.add(event(own, ownSeq + k, new Assessed(own, i * 10 + k)));
                    }
                }
                List<String> ids = commit.stream().map(EventMessage::getIdentifier).toList();
                try {
                    engine.appendEvents(commit);
                    acked.add(ids);
                    if (pairKey != null) {
                        pairWins.computeIfAbsent(pairKey, k -> new AtomicInteger()).incrementAndGet();
                    } else if (commit.get(0) instanceof DomainEventMessage<?>) {
                        ownSeq += commit.size();
                    }
                } catch (ConcurrencyException e) {
                    failed.add(ids);
                    if (pairKey == null) {
                        unexpected.add(e);
                    } else {
                        conflicts.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failed.add(ids);
                    unexpected.add(e);
                }
            }
            ownStreamLengths.put(own, (int) ownSeq);
        }

        /** Checks everything the workload promises; returns the number of events in the ledger. */
        int assertLedger(MongoLedgerStorageEngine engine, LedgerVerifier verifier) {
            assertThat(unexpected).isEmpty();

            List<? extends TrackedEventMessage<?>> all = engine.readEvents(null, false).toList();
            // Positions are exactly 1..N: no gap, no duplicate, in order.
            for (int i = 0; i < all.size(); i++) {
                assertThat(((GlobalSequenceTrackingToken) all.get(i).trackingToken()).getGlobalIndex())
                        .isEqualTo(i + 1L);
            }
            Map<String, Long> positionById = new HashMap<>();
            all.forEach(e -> positionById.put(e.getIdentifier(),
                                              ((GlobalSequenceTrackingToken) e.trackingToken()).getGlobalIndex()));
            assertThat(positionById).hasSize(all.size());

            // Every acknowledged commit is there in full, its events on consecutive positions in commit order.
            Set<String> ackedIds = new HashSet<>();
            for (List<String> commit : acked) {
                Long first = positionById.get(commit.get(0));
                assertThat(first).as("acknowledged event %s", commit.get(0)).isNotNull();
                for (int k = 0; k < commit.size(); k++) {
                    assertThat(positionById.get(commit.get(k))).isEqualTo(first + k);
                }
                ackedIds.addAll(commit);
            }
            // Nothing of a failed commit is there: no half-written commit.
            for (List<String> commit : failed) {
                assertThat(commit).noneMatch(positionById::containsKey);
            }
            int seeded = THREADS / 2;
            assertThat(positionById.size()).isEqualTo(ackedIds.size() + seeded);

            // Each contested sequence number was won exactly once, every loss was a ConcurrencyException.
            assertThat(pairWins).hasSize(pairAttempts / 2);
            assertThat(pairWins.values()).allMatch(wins -> wins.get() == 1);
            assertThat(conflicts.get()).isEqualTo(pairAttempts / 2);

            // Each thread's own aggregate stream reads back complete and in order.
            ownStreamLengths.forEach((aggregate, length) -> {
                List<Long> seqs = engine.readEvents(aggregate).asStream()
                                        .map(DomainEventMessage::getSequenceNumber).toList();
                assertThat(seqs).hasSize(length);
                for (int s = 0; s < length; s++) {
                    assertThat(seqs.get(s)).isEqualTo(s);
                }
            });

            VerificationResult result = verifier.verify();
            assertThat(result.ok()).as(String.valueOf(result)).isTrue();
            assertThat(result.eventsChecked()).isEqualTo(all.size());
            assertThat(engine.head().position()).isEqualTo(all.size());
            Set<Class<?>> payloadTypes = all.stream().map(e -> (Class<?>) e.getPayload().getClass())
                                            .collect(Collectors.toSet());
            assertThat(payloadTypes).contains(Assessed.class, Announcement.class, Registered.class);
            return all.size();
        }
    }

    private static String pairAggregate(int pair) {
        return "pair-" + pair;
    }
}
