package org.povertyledger.command.ledger.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger reads commits by a half-open {@code _id} range. The embedded store's unique index walks that range
 * itself (the stock index would leave it to a collection scan); these tests pin down which shapes it takes, that it
 * returns exactly the keys in the range in order, and that the answers through the driver are the same as a
 * scan's.
 */
class IndexRangeQueryTest {

    @TempDir
    Path dataDir;

    @Test
    void theIndexAnswersAHalfOpenNumericRangeFromItsOwnOrderAndNothingElseOfThatKind() {
        MVStore store = MVStore.open(null);
        try {
            MVMap<KeyValue, Object> map = store.openMap("ids", new MVMap.Builder<KeyValue, Object>()
                    .keyType(KeyValueType.INSTANCE));
            OrderedKeyUniqueIndex index = new OrderedKeyUniqueIndex(map, "_id_", List.of(new IndexKey("_id", true)),
                                                                    false);
            // Keys 2, 4, ..., 200 as longs, one string key (strings sort after numbers) and one double key.
            for (long id = 2; id <= 200; id += 2) {
                index.putKeyPosition(new KeyValue(id), "p" + id);
            }
            index.putKeyPosition(new KeyValue("head"), "pHead");
            index.putKeyPosition(new KeyValue(51.5), "p51.5");

            de.bwaldvogel.mongo.bson.Document range = query(new de.bwaldvogel.mongo.bson.Document("$gte", 47)
                                                                    .append("$lt", 56L));
            assertThat(index.canHandle(range)).isTrue();
            assertThat(index.getPositions(range)).containsExactly("p48", "p50", "p51.5", "p52", "p54");
            // Past the last number the walk stops at the first key of another type, not after it.
            assertThat(index.getPositions(query(new de.bwaldvogel.mongo.bson.Document("$gte", 199L)
                                                        .append("$lt", 1_000L)))).containsExactly("p200");
            assertThat(index.getPositions(query(new de.bwaldvogel.mongo.bson.Document("$gte", 10L)
                                                        .append("$lt", 10L)))).isEmpty();

            // Other bounds stay what the stock index makes of them: not answered from the index.
            assertThat(index.canHandle(query(new de.bwaldvogel.mongo.bson.Document("$gt", 47L).append("$lt", 56L))))
                    .isFalse();
            assertThat(index.canHandle(query(new de.bwaldvogel.mongo.bson.Document("$gte", 47L)))).isFalse();
            assertThat(index.canHandle(query(new de.bwaldvogel.mongo.bson.Document("$gte", "a").append("$lt", "b"))))
                    .isFalse();
            assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("other",
                    new de.bwaldvogel.mongo.bson.Document("$gte", 1L).append("$lt", 2L)))).isFalse();
            // Exact values and $in are still the stock index's.
            assertThat(index.canHandle(query(4L))).isTrue();
            assertThat(index.getPositions(query(4L))).containsExactly("p4");
        } finally {
            store.close();
        }
    }

    @Test
    void rangeReadsThroughTheDriverEqualAScanAcrossCommitsOfManySizes() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> commits = client.getDatabase("probe").getCollection("commits");
            // Commit documents keyed by their first position, 1 to 5 events each, and a head hint beside them.
            List<Document> batch = new ArrayList<>();
            long position = 1;
            for (int i = 0; i < 600; i++) {
                long size = 1 + i % 5;
                batch.add(new Document("_id", position).append("last", position + size - 1));
                position += size;
            }
            commits.insertMany(batch);
            commits.insertOne(new Document("_id", "head").append("position", position - 1));

            List<Document> all = commits.find().into(new ArrayList<>());
            for (long from : new long[] {1, 2, 17, 900, position - 3, position, position + 50}) {
                for (int count : new int[] {1, 7, 100, 1_000}) {
                    List<Long> expected = all.stream()
                            .filter(d -> d.get("_id") instanceof Long id && id >= from && id < from + count)
                            .map(d -> d.getLong("_id")).sorted().toList();
                    List<Long> found = commits.find(new Document("_id", new Document("$gte", from)
                                                                  .append("$lt", from + count)))
                                              .map(d -> d.getLong("_id")).into(new ArrayList<>());
                    assertThat(found).as("from %d count %d", from, count).containsExactlyInAnyOrderElementsOf(expected);
                }
            }
        }
    }

    private static de.bwaldvogel.mongo.bson.Document query(Object value) {
        return new de.bwaldvogel.mongo.bson.Document("_id", value);
    }
}
