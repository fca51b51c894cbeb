package org.povertyledger.query.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;

/**
 * Empties a read model's collection before a replay by dropping it and creating its indexes again.
 * <p>
 * A {@code deleteMany({})} would do the same, but mongo-java-server loads every document of the collection into
 * memory to delete it: resetting the view of 100,000 households ran a 512 MB service out of heap, and the start
 * that was to rebuild it failed. Dropping is also what MongoDB does fastest. The processor is stopped while its
 * handlers reset, so nothing writes in between; a reader sees an empty collection, as it would after the delete.
 */
public final class ReadModelReset {

    private ReadModelReset() {
    }

    /** Drops the collection and creates its indexes (other than {@code _id}) again, with their options. */
    public static void clear(MongoCollection<Document> collection) {
        List<Document> indexes = new ArrayList<>();
        boolean exists = false;
        for (Document index : collection.listIndexes()) {
            exists = true;
            if (!"_id_".equals(index.getString("name"))) {
                indexes.add(index);
            }
        }
        if (!exists) {
            // Never created: nothing to empty (and the embedded server logs a drop of it as an error).
            return;
        }
        collection.drop();
        for (Document index : indexes) {
            collection.createIndex(index.get("key", Document.class), options(index));
        }
    }

    private static IndexOptions options(Document index) {
        IndexOptions options = new IndexOptions().name(index.getString("name"));
        if (index.getBoolean("unique", false)) {
            options.unique(true);
        }
        if (index.getBoolean("sparse", false)) {
            options.sparse(true);
        }
        Object partial = index.get("partialFilterExpression");
        if (partial instanceof Bson filter) {
            options.partialFilterExpression(filter);
        }
        Object expireAfter = index.get("expireAfterSeconds");
        if (expireAfter instanceof Number seconds) {
            options.expireAfter(seconds.longValue(), TimeUnit.SECONDS);
        }
        return options;
    }
}
