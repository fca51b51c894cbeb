package org.povertyledger.command.ledger.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMongoServerTest {

    @TempDir
    Path dataDir;

    @Test
    void everyWriteCommandOfTheJavaDriverGoesThroughTheDurablePath() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("probe").getCollection("items");
            DurabilityStats before = server.durabilityStats();

            items.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true));
            items.insertOne(new Document("_id", 1L).append("name", "a"));
            items.insertMany(List.of(new Document("_id", 2L).append("name", "b"),
                                     new Document("_id", 3L).append("name", "c")));
            items.updateOne(Filters.eq("_id", 1L), Updates.set("v", 1));
            items.replaceOne(Filters.eq("_id", 2L), new Document("name", "b2"));
            items.findOneAndUpdate(Filters.eq("_id", 3L), Updates.set("v", 3));
            items.deleteOne(Filters.eq("_id", 3L));

            DurabilityStats after = server.durabilityStats();
            assertThat(after.writeCommandNames())
                    .contains("createindexes", "insert", "update", "findandmodify", "delete");
            assertThat(after.writeCommands() - before.writeCommands()).isGreaterThanOrEqualTo(7);
            assertThat(after.syncs()).isGreaterThan(before.syncs());
            // Reads never take the write path.
            long writes = after.writeCommands();
            assertThat(items.countDocuments()).isEqualTo(2);
            items.find().into(new ArrayList<>());
            assertThat(server.durabilityStats().writeCommands()).isEqualTo(writes);
        }
    }

    /**
     * Each commit writes a new chunk of ~20 KB, and an appended log leaves a live page in most of them: without
     * compaction 3,000 commits (half appends, half updates) leave a file of ~15 MB for ~1 MB of live data, with it
     * ~5 MB. Freed space is reused at once here (retention 0, where the service waits 1 s), which makes the size
     * independent of how fast the machine commits and leaves only the version pins to protect the reader running
     * throughout: it must always see every document whole.
     */
    @Test
    void theFileStaysNearItsLiveSizeUnderManySmallCommitsWhileReadersRun() throws Exception {
        int documents = 200;
        int commits = 3_000;
        String padding = "x".repeat(400);
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, "127.0.0.1", 0, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("probe").getCollection("items");
            items.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true));
            for (int i = 0; i < documents; i++) {
                items.insertOne(new Document("_id", i).append("name", "n" + i).append("v", 0).append("pad", padding));
            }
            Thread reader = new Thread(() -> {
                try {
                    while (writing.get()) {
                        List<Document> all = items.find().into(new ArrayList<>());
                        if (all.size() != documents || all.stream().anyMatch(d -> !padding.equals(d.getString("pad")))) {
                            throw new AssertionError("a read saw " + all.size() + " documents or a torn one");
                        }
                    }
                } catch (Throwable e) {
                    readFailure.set(e);
                }
            });
            reader.start();
            MongoCollection<Document> log = client.getDatabase("probe").getCollection("log");
            for (int c = 1; c <= commits; c++) {
                if (c % 2 == 0) {
                    items.updateOne(Filters.eq("_id", c % documents), Updates.set("v", c));
                } else {
                    log.insertOne(new Document("_id", (long) c).append("pad", padding));
                }
            }
            writing.set(false);
            reader.join();
            long size = Files.size(server.storeFile());
            assertThat(readFailure.get()).isNull();
            assertThat(size).as("store file after %d commits", commits).isLessThan(10L * 1024 * 1024);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("probe").getCollection("items");
            assertThat(items.countDocuments()).isEqualTo(documents);
            assertThat(items.find(Filters.eq("_id", 0)).first().getInteger("v")).isEqualTo(commits);
            assertThat(items.find(Filters.eq("name", "n8")).first().getInteger("v")).isEqualTo(commits - documents + 8);
            assertThat(client.getDatabase("probe").getCollection("log").countDocuments()).isEqualTo(commits / 2);
        }
    }

    @Test
    void dataSurvivesACleanRestart() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("probe").getCollection("items").insertOne(new Document("_id", "kept"));
        }
        assertThat(Files.exists(dataDir.resolve(EmbeddedMongoServer.STORE_FILE_NAME))).isTrue();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("probe").getCollection("items").find(Filters.eq("_id", "kept")).first())
                    .isNotNull();
        }
    }

    @Test
    void concurrentWritersShareSyncs() throws Exception {
        int threads = 8;
        int perThread = 100;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("probe").getCollection("items");
            items.insertOne(new Document("_id", "warm-up"));
            DurabilityStats before = server.durabilityStats();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            items.insertOne(new Document("_id", thread + "-" + i));
                        }
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            DurabilityStats after = server.durabilityStats();
            long writes = after.writeCommands() - before.writeCommands();
            long syncs = after.syncs() - before.syncs();
            System.out.printf("group commit: %d write commands, %d syncs (%.2f writes per sync)%n",
                              writes, syncs, (double) writes / syncs);
            assertThat(writes).isEqualTo((long) threads * perThread);
            // With eight writers in flight, some of them must have shared an fsync.
            assertThat(syncs).isLessThan(writes);
            assertThat(items.countDocuments()).isEqualTo(threads * perThread + 1L);
        }
    }

    @Test
    void uniqueIndexesOrderKeysByValueAndServeExactAndInLookups() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("probe").getCollection("items");
            items.createIndex(Indexes.ascending("keys"), new IndexOptions().unique(true).sparse(true));
            List<Document> docs = new ArrayList<>();
            for (long i = 1; i <= 500; i++) {
                docs.add(new Document("_id", i).append("keys", List.of("k#" + i, "k#" + (i + 1000))));
            }
            items.insertMany(docs);
            assertThat(items.find(Filters.eq("_id", 250L)).first()).isNotNull();
            assertThat(items.find(Filters.in("_id", 3L, 300L, 3000L)).into(new ArrayList<>())).hasSize(2);
            assertThat(items.find(Filters.eq("keys", "k#1250")).first().getLong("_id")).isEqualTo(250L);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> items.insertOne(new Document("_id", 9999L)
                            .append("keys", List.of("k#1499"))))
                    .isInstanceOf(com.mongodb.MongoWriteException.class);
        }
        // the index survives a restart with the same ordering
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> items = client.getDatabase("probe").getCollection("items");
            assertThat(items.find(Filters.eq("keys", "k#77")).first().getLong("_id")).isEqualTo(77L);
            assertThat(items.find(Filters.in("_id", 1L, 500L)).into(new ArrayList<>())).hasSize(2);
        }
    }

    @Test
    void refusesAStoreFileWrittenWithTheStockIndexLayout() {
        Path file = dataDir.resolve(EmbeddedMongoServer.STORE_FILE_NAME);
        de.bwaldvogel.mongo.backend.h2.H2Backend stock = new de.bwaldvogel.mongo.backend.h2.H2Backend(
                org.h2.mvstore.MVStore.open(file.toString()));
        de.bwaldvogel.mongo.MongoServer server = new de.bwaldvogel.mongo.MongoServer(stock);
        String uri = "mongodb://127.0.0.1:" + server.bind().getPort();
        try (MongoClient client = MongoClients.create(uri)) {
            client.getDatabase("probe").getCollection("items").insertOne(new Document("_id", 1L));
        } finally {
            server.shutdownNow();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedMongoServer.start(dataDir))
                .hasMessageContaining("older version");
    }
}
