package org.povertyledger.deploy.bench;

import static org.povertyledger.deploy.bench.BenchSupport.deleteRecursively;
import static org.povertyledger.deploy.bench.BenchSupport.seconds;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;

/**
 * Appends from 1, 2 and 4 writer nodes at once on one store, in one run: the embedded store listening on TCP (or the
 * MongoDB given with {@code --uri}, whose benchmark databases are dropped after each round), each
 * node its own MongoDB client and its own ledger engine (so its own cached head, as separate processes would have),
 * each with a few threads appending one-event commits to their own aggregates for a fixed time. Every round writes a
 * fresh database of the same store, so each starts from an empty log. The rounds of 1, 2 and 4 nodes are interleaved
 * over several cycles; prints appends/s per round, the median per node count with its ratio to one node, and the
 * position races the nodes lost to each other. Run: {@code java -jar povertyledger.jar bench-cluster}.
 */
public final class ClusterBenchmark {

    private static final int[] NODES = {1, 2, 4};

    private final int threadsPerNode;
    private final double secondsPerRound;
    private final int cycles;
    private final String uri;
    private final PrintStream out;

    /** @param uri a MongoDB to measure instead of a fresh embedded store, or {@code null} */
    ClusterBenchmark(int threadsPerNode, double secondsPerRound, int cycles, String uri, PrintStream out) {
        this.threadsPerNode = threadsPerNode;
        this.secondsPerRound = secondsPerRound;
        this.cycles = cycles;
        this.uri = uri;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int threads = 2;
        double seconds = 8;
        int cycles = 3;
        String uri = null;
        for (String arg : args) {
            if (arg.startsWith("--threads=")) {
                threads = Integer.parseInt(arg.substring("--threads=".length()));
            } else if (arg.startsWith("--seconds=")) {
                seconds = Double.parseDouble(arg.substring("--seconds=".length()));
            } else if (arg.startsWith("--uri=")) {
                uri = arg.substring("--uri=".length());
            } else if (arg.startsWith("--cycles=")) {
                cycles = Integer.parseInt(arg.substring("--cycles=".length()));
            } else {
                System.err.println("usage: bench-cluster [--threads=2] [--seconds=8] [--cycles=3] [--uri=mongodb://…]   (threads per node, time per round, rounds of 1, 2 and 4 nodes, a store to measure instead of a fresh embedded one)");
                System.exit(2);
            }
        }
        new ClusterBenchmark(threads, seconds, cycles, uri, System.out).run();
    }

    /** Appends/s and lost position races of one round. */
    record Round(int nodes, long appends, double seconds, double positionRetries) {
        double rate() {
            return appends / seconds;
        }
    }

    void run() throws Exception {
        Path dataDir = Files.createTempDirectory("povertyledger-bench-cluster");
        List<Round> rounds = new ArrayList<>();
        try (EmbeddedMongoServer embedded = uri == null ? EmbeddedMongoServer.start(dataDir, "127.0.0.1", 0) : null) {
            String store = uri == null ? embedded.connectionString() : uri;
            out.printf(Locale.ROOT, "bench-cluster: store %s (%s); in-process writer nodes, each with its own "
                    + "MongoClient and ledger engine, %d threads per node, %.0f s per round after a warm-up, one-event "
                    + "commits%n", store, uri == null ? "embedded" : "given", threadsPerNode, secondsPerRound);
            runRounds(store, rounds);
        } finally {
            deleteRecursively(dataDir);
        }
        report(rounds);
    }

    private void runRounds(String store, List<Round> rounds) throws Exception {
        // warms the store, the driver and the engine's code paths; not reported
        round(store, 1, "warmup", Math.min(5, secondsPerRound));
        // 1, 2, 4 nodes, several times over: a shared machine drifts, and a median of interleaved rounds compares the
        // node counts under the same conditions
        for (int cycle = 1; cycle <= cycles; cycle++) {
            for (int nodes : NODES) {
                Round round = round(store, nodes, nodes + "_" + cycle, secondsPerRound);
                rounds.add(round);
                out.printf(Locale.ROOT, "bench-cluster: cycle %d, %d node(s) x %d threads: %d appends in %.1f s "
                                + "= %.0f appends/s; position races lost and retried: %.0f%n", cycle, nodes,
                        threadsPerNode, round.appends(), round.seconds(), round.rate(), round.positionRetries());
            }
        }
    }

    private void report(List<Round> rounds) {
        double base = median(rounds, 1);
        for (int nodes : NODES) {
            double rate = median(rounds, nodes);
            double races = rounds.stream().filter(r -> r.nodes() == nodes).mapToDouble(Round::positionRetries).sum();
            out.printf(Locale.ROOT, "bench-cluster: %d node(s) x %d threads: median %.0f appends/s over %d rounds "
                    + "(ratio to 1 node %.2f); position races lost and retried: %.0f%n", nodes, threadsPerNode, rate,
                    cycles, rate / base, races);
        }
    }

    private static double median(List<Round> rounds, int nodes) {
        double[] rates = rounds.stream().filter(r -> r.nodes() == nodes).mapToDouble(Round::rate).sorted().toArray();
        return rates.length % 2 == 1 ? rates[rates.length / 2]
                : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
    }

    private Round round(String store, int nodes, String name, double seconds) throws Exception {
        String database = "bench_cluster_" + name;
        List<MongoClient> clients = new ArrayList<>();
        List<MongoLedgerStorageEngine> engines = new ArrayList<>();
        List<SimpleMeterRegistry> registries = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            // the service's own client settings (StoreConfiguration)
            MongoClient client = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(store))
                    .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                    .readConcern(ReadConcern.MAJORITY)
                    .build());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            MongoLedgerStorageEngine engine = MongoLedgerStorageEngine.builder()
                    .database(client.getDatabase(database))
                    .eventSerializer(JacksonSerializer.defaultSerializer())
                    .snapshotSerializer(JacksonSerializer.defaultSerializer())
                    .meterRegistry(registry)
                    .build();
            engine.ensureIndexes();
            clients.add(client);
            engines.add(engine);
            registries.add(registry);
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes * threadsPerNode);
        try {
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            List<Future<Long>> writers = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                for (int t = 0; t < threadsPerNode; t++) {
                    MongoLedgerStorageEngine engine = engines.get(n);
                    String aggregate = "bench-" + nodes + "-" + n + "-" + t;
                    writers.add(pool.submit(() -> append(engine, aggregate, deadline)));
                }
            }
            long appends = 0;
            for (Future<Long> writer : writers) {
                appends += writer.get();
            }
            double elapsed = seconds(start);
            double retries = registries.stream()
                    .mapToDouble(r -> r.find("ledger.append.position-retries").counter() == null ? 0
                            : r.find("ledger.append.position-retries").counter().count()).sum();
            return new Round(nodes, appends, elapsed, retries);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            // a given store keeps nothing of the benchmark
            clients.get(0).getDatabase(database).drop();
            clients.forEach(MongoClient::close);
        }
    }

    private static long append(MongoLedgerStorageEngine engine, String aggregate, long deadline) {
        long seq = 0;
        while (System.nanoTime() < deadline) {
            DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
            try {
                engine.appendEvents(List.of(new GenericDomainEventMessage<>("BenchAggregate", aggregate, seq,
                        new Appended(aggregate, seq))));
                uow.commit();
            } catch (RuntimeException e) {
                uow.rollback(e);
                throw e;
            }
            seq++;
        }
        return seq;
    }

    /** The payload appended: small, like a household's status change. */
    public record Appended(String aggregate, long sequence) {
    }
}
