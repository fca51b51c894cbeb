package org.povertyledger.query.support;

import static com.mongodb.client.model.Filters.eq;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * The highest global log position each projection has written, one document per projection
 * ({@code _id} = projection name) in collection {@value #COLLECTION}. Lets a list query say which
 * position it reflects without scanning the projection's collection.
 *
 * <p>With several segments the highest position is not a promise that every lower position has been
 * applied: another segment may still be behind.
 */
public final class ProjectionPositions {

    public static final String COLLECTION = "projection_positions";

    /** Answered when a projection has written nothing yet. */
    public static final long NONE = -1L;

    private final MongoCollection<Document> collection;

    public ProjectionPositions(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** Raises the projection's position to {@code position}; never lowers it (idempotent, order-free). */
    public void advance(String projection, long position) {
        collection.updateOne(eq("_id", projection), Updates.max("position", position),
                new UpdateOptions().upsert(true));
    }

    /** The highest position the projection has written, or {@link #NONE}. */
    public long position(String projection) {
        Document document = collection.find(eq("_id", projection)).first();
        if (document == null || !(document.get("position") instanceof Number number)) {
            return NONE;
        }
        return number.longValue();
    }

    /** Forgets the projection's position (on reset). */
    public void clear(String projection) {
        collection.deleteOne(eq("_id", projection));
    }
}
