package org.povertyledger.command.ledger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.povertyledger.command.ledger.LedgerFixture.Assessed;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Child process of {@link LedgerDurabilityTest}: opens the embedded store in a data directory and appends from a
 * few threads, printing {@code ACK <position> <eventId> <hash>} for every event only after its append returned.
 * Bounded in commits and time so that it ends by itself if nobody kills it.
 */
public final class DurabilityChild {

    private static final int THREADS = 4;
    private static final long MAX_RUNTIME_NANOS = TimeUnit.SECONDS.toNanos(120);

    private DurabilityChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int commitsPerThread = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + MAX_RUNTIME_NANOS;
        PrintStream out = System.out;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoLedgerStorageEngine engine =
                    LedgerFixture.builder(client.getDatabase(LedgerFixture.DATABASE)).build();
            engine.ensureIndexes();
            out.println("READY");
            out.flush();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                pool.submit(() -> {
                    String aggregate = "household-" + thread;
                    long seq = 0;
                    for (int i = 0; i < commitsPerThread && System.nanoTime() < deadline; i++) {
                        List<EventMessage<?>> commit = new ArrayList<>();
                        int size = 1 + i % 3;
                        for (int k = 0; k < size; k++) {
                            commit.add(LedgerFixture.event(aggregate, seq + k, new Assessed(aggregate, i)));
                        }
                        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
                        AppendReceipt receipt;
                        try {
                            engine.appendEvents(commit);
                            receipt = uow.getResource(AppendReceipt.RESOURCE_KEY);
                            uow.commit();
                        } catch (RuntimeException e) {
                            uow.rollback(e);
                            throw e;
                        }
                        seq += size;
                        StringBuilder lines = new StringBuilder();
                        for (AppendedEvent event : receipt.events()) {
                            lines.append("ACK ").append(event.position()).append(' ').append(event.eventId())
                                 .append(' ').append(event.hash()).append('\n');
                        }
                        synchronized (out) {
                            out.print(lines);
                            out.flush();
                        }
                    }
                    return null;
                });
            }
            pool.shutdown();
            pool.awaitTermination(MAX_RUNTIME_NANOS, TimeUnit.NANOSECONDS);
        }
    }
}
