package org.povertyledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

class ReadModelResetTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    @Test
    void clearingEmptiesTheCollectionAndKeepsEveryIndexWithItsOptions() {
        MongoDatabase database = mongo.freshDatabase();
        MongoCollection<Document> views = database.getCollection("views");
        views.createIndex(Indexes.ascending("commune", "village"), new IndexOptions().name("by_place"));
        views.createIndex(Indexes.ascending("card"), new IndexOptions().name("card_unique").unique(true).sparse(true));
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            documents.add(new Document("_id", "h" + i).append("commune", "c" + i % 7).append("village", "v" + i)
                                                      .append("card", "K" + i));
        }
        views.insertMany(documents);
        Map<String, Document> before = indexes(views);

        ReadModelReset.clear(views);

        assertThat(views.countDocuments()).isZero();
        assertThat(indexes(views)).isEqualTo(before);
        views.insertOne(new Document("_id", "a").append("card", "K1"));
        assertThatThrownBy(() -> views.insertOne(new Document("_id", "b").append("card", "K1")))
                .as("the unique index is back").isInstanceOf(MongoWriteException.class);
        views.insertOne(new Document("_id", "c"));
        views.insertOne(new Document("_id", "d"));
        assertThat(views.countDocuments()).as("still sparse: two without a card").isEqualTo(3);
    }

    @Test
    void clearingACollectionNeverCreatedLeavesItAbsent() {
        MongoDatabase database = mongo.freshDatabase();
        ReadModelReset.clear(database.getCollection("never"));
        assertThat(database.listCollectionNames().into(new ArrayList<>())).doesNotContain("never");
    }

    /** Name, keys, uniqueness and sparseness of each index. */
    private static Map<String, Document> indexes(MongoCollection<Document> collection) {
        return collection.listIndexes().into(new ArrayList<>()).stream().collect(Collectors.toMap(
                index -> index.getString("name"),
                index -> new Document("key", index.get("key")).append("unique", index.getBoolean("unique", false))
                                                           .append("sparse", index.getBoolean("sparse", false))));
    }
}
