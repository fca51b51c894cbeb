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

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;

/**
 * Appends from 1, 2 and 4 writer nodes at once on one store, in one run: the embedded store listening on TCP, each
 * node its own MongoDB client and its own ledger engine (so its own cached head, as separate processes would have),
 * each with a few threads appending one-event commits to their own aggregates for a fixed time. Every round writes a
 * fresh database of the same store, so each starts from an empty log. Prints appends/s per round, the ratio to one
 * node and the position races the nodes lost to each other. Run: {@code java -jar povertyledger.jar bench-cluster}.
 */
public final class ClusterBenchmark {

    private static final int[] NODES = {1, 2, 4};

    private final int threadsPerNode;
    private final double secondsPerRound;
    private final PrintStream out;

    ClusterBenchmark(int threadsPerNode, double secondsPerRound, PrintStream out) {
        this.threadsPerNode = threadsPerNode;
        this.secondsPerRound = secondsPerRound;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int threads = 2;
        double seconds = 15;
        for (String arg : args) {
            if (arg.startsWith("--threads=")) {
                threads = Integer.parseInt(arg.substring("--threads=".length()));
            } else if (arg.startsWith("--seconds=")) {
                seconds = Double.parseDouble(arg.substring("--seconds=".length()));
            } else {
                System.err.println("usage: bench-cluster [--threads=2] [--seconds=15]   (threads per node, time per round)");
                System.exit(2);
            }
        }
        new ClusterBenchmark(threads, seconds, System.out).run();
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
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, "127.0.0.1", 0)) {
            out.printf(Locale.ROOT, "bench-cluster: store %s; in-process writer nodes, each with its own MongoClient "
                    + "and ledger engine, %d threads per node, %.0f s per round, one-event commits%n",
                    server.connectionString(), threadsPerNode, secondsPerRound);
            for (int nodes : NODES) {
                rounds.add(round(server.connectionString(), nodes));
            }
        } finally {
            deleteRecursively(dataDir);
        }
        double base = rounds.get(0).rate();
        for (Round round : rounds) {
            out.printf(Locale.ROOT, "bench-cluster: %d node(s) x %d threads: %d appends in %.1f s = %.0f appends/s "
                            + "(ratio to 1 node %.2f); position races lost and retried: %.0f%n",
                    round.nodes(), threadsPerNode, round.appends(), round.seconds(), round.rate(),
                    round.rate() / base, round.positionRetries());
        }
    }

    private Round round(String uri, int nodes) throws Exception {
        String database = "bench_cluster_" + nodes;
        List<MongoClient> clients = new ArrayList<>();
        List<MongoLedgerStorageEngine> engines = new ArrayList<>();
        List<SimpleMeterRegistry> registries = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            MongoClient client = MongoClients.create(uri);
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
            long deadline = System.nanoTime() + (long) (secondsPerRound * 1e9);
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
