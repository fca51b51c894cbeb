package org.povertyledger.command.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving chunks and truncating: the file follows its live data, and what stays live survives a restart. */
class StoreCompactionTest {

    @TempDir
    Path dataDir;

    @Test
    void compactingAfterADroppedCollectionShrinksTheFileAndKeepsTheRest() {
        StoreCompaction compaction;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            // Random text: pages are compressed, and repeated characters would take no space at all.
            Random random = new Random(53);
            MongoCollection<Document> bulky = client.getDatabase("db").getCollection("bulky");
            MongoCollection<Document> kept = client.getDatabase("db").getCollection("kept");
            for (int batch = 0; batch < 40; batch++) {
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    documents.add(new Document("_id", batch * 100 + i).append("text", noise(random, 2000)));
                }
                bulky.insertMany(documents);
                kept.insertOne(new Document("_id", batch).append("text", "kept " + batch));
            }
            bulky.drop();
            compaction = server.compactFile(Duration.ofMinutes(2));
            assertThat(server.space().fileBytes()).isLessThanOrEqualTo(compaction.fileBytesAfter());
        }
        assertThat(compaction.fileBytesBefore()).as("8 MB written").isGreaterThan(8_000_000L);
        assertThat(compaction.fileBytesAfter()).as("the dropped collection's space is given back")
                .isLessThan(compaction.fileBytesBefore() / 4);

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> kept = client.getDatabase("db").getCollection("kept");
            assertThat(kept.countDocuments()).isEqualTo(40);
            assertThat(kept.find(new Document("_id", 39)).first()).containsEntry("text", "kept 39");
            assertThat(client.getDatabase("db").getCollection("bulky").countDocuments()).isZero();
        }
    }

    /**
     * The ledger's shape: an append-only collection written in many small durable commits, beside a few documents
     * rewritten all the time. Old chunks each keep a page of the log alive, so they are never freed by themselves;
     * compaction on request must give most of that space back. (It does not reach the live size: what stays
     * beyond it is H2's chunk headers, block rounding and its own maps; the test prints both.)
     */
    @Test
    void compactingAnAppendedLogBringsTheFileNearItsLivePages() {
        String padding = noise(new Random(55), 600);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> log = client.getDatabase("db").getCollection("log");
            MongoCollection<Document> hot = client.getDatabase("db").getCollection("hot");
            for (int i = 0; i < 2_000; i++) {
                log.insertOne(new Document("_id", (long) i).append("payload", padding + i));
                hot.replaceOne(new Document("_id", i % 10), new Document("n", i).append("pad", padding),
                        new com.mongodb.client.model.ReplaceOptions().upsert(true));
            }
            StoreSpace before = server.space();
            StoreCompaction compaction = server.compactFile(Duration.ofMinutes(2));
            StoreSpace after = server.space();
            System.out.printf("appended log: file %,d -> %,d bytes, live pages %,d -> %,d%n", before.fileBytes(),
                    after.fileBytes(), before.liveBytes(), after.liveBytes());
            assertThat(before.fileBytes()).as("dead space before").isGreaterThan(3 * before.liveBytes());
            assertThat(after.fileBytes()).isEqualTo(compaction.fileBytesAfter())
                                         .as("at least half the file given back")
                                         .isLessThan(before.fileBytes() / 2);
            assertThat(log.countDocuments()).isEqualTo(2_000);
            assertThat(log.find(new Document("_id", 1_999L)).first()).containsEntry("payload", padding + 1_999);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("db").getCollection("log").countDocuments()).isEqualTo(2_000);
            assertThat(client.getDatabase("db").getCollection("hot").find(new Document("_id", 9)).first())
                    .containsEntry("n", 1_999);
        }
    }

    private static String noise(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('!' + random.nextInt(90)));
        }
        return text.toString();
    }
}
