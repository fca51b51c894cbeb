package org.povertyledger.command.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
            MongoCollection<Document> bulky = client.getDatabase("db").getCollection("bulky");
            MongoCollection<Document> kept = client.getDatabase("db").getCollection("kept");
            for (int batch = 0; batch < 40; batch++) {
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    documents.add(new Document("_id", batch * 100 + i).append("text", "x".repeat(2000)));
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
}
