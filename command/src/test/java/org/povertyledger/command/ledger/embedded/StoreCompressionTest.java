package org.povertyledger.command.ledger.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages are compressed when written (the default): documents shaped like the ledger's take a fraction of the space
 * they take uncompressed, and a file opens whichever way its pages were written.
 */
class StoreCompressionTest {

    @TempDir
    Path dataDir;

    @Test
    void compressedPagesTakeAFractionOfTheSpaceAndFilesOpenEitherWay() {
        long plain = write(dataDir.resolve("plain"), false);
        long compressed = write(dataDir.resolve("compressed"), true);
        System.out.printf("live pages of 3,000 event-shaped documents: %,d bytes plain, %,d compressed (%.2f)%n",
                plain, compressed, (double) compressed / plain);
        assertThat(compressed).isLessThan(plain / 2);

        // Each file opened the other way: what was written is read, and more is written in the other form.
        for (Path dir : List.of(dataDir.resolve("plain"), dataDir.resolve("compressed"))) {
            boolean compress = dir.endsWith("plain");
            try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir, "127.0.0.1", 0,
                    EmbeddedMongoServer.RETENTION_MILLIS, compress);
                 MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
                assertThat(events.countDocuments()).isEqualTo(3_000);
                assertThat(events.find(new Document("_id", 2_999L)).first()).isEqualTo(event(2_999));
                events.insertOne(event(3_000));
            }
            try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir, "127.0.0.1", 0,
                    EmbeddedMongoServer.RETENTION_MILLIS, !compress);
                 MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
                assertThat(events.find(new Document("_id", 3_000L)).first()).isEqualTo(event(3_000));
                assertThat(events.find(new Document("_id", 17L)).first()).isEqualTo(event(17));
            }
        }
    }

    /** Writes 3,000 documents in commits of 100 and returns the live bytes of the collection's pages. */
    private static long write(Path dir, boolean compress) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir, "127.0.0.1", 0,
                EmbeddedMongoServer.RETENTION_MILLIS, compress);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("db").getCollection("events");
            for (int batch = 0; batch < 30; batch++) {
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    documents.add(event(batch * 100L + i));
                }
                events.insertMany(documents);
            }
            return server.space().liveBytesByMap().get("databases.db.events");
        }
    }

    private static Document event(long position) {
        return new Document("_id", position)
                .append("type", "org.povertyledger.shared.household.event.AssessmentRecordedEvent")
                .append("aggregateId", "HH-" + (position % 500))
                .append("payload", "{\"householdId\":\"HH-" + (position % 500) + "\",\"reviewYear\":2024,"
                        + "\"incomePerPersonMonthly\":" + (1_000_000 + position * 37 % 900_000)
                        + ",\"deprivations\":[\"HEALTH_INSURANCE\",\"HOUSING_QUALITY\"]}")
                .append("meta", "{\"actorId\":\"officer-" + (position % 7) + "\",\"legalBasis\":\"QD-112/2024\"}");
    }
}
