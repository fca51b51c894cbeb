package org.povertyledger.query.feed.webhook;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.povertyledger.query.support.DocumentValues;

/**
 * The dispatcher's own state, apart from the subscriptions read model so that a replay of that projection does not
 * lose it: per subscription its cursor (every matching event at or below it was delivered or dead-lettered) in
 * {@value #CURSORS} and its dead-letter list in {@value #DEAD_LETTERS} (one document each, keyed by the
 * subscription id, written only by the dispatcher), and the redelivery requests made through the API in
 * {@value #REDELIVERIES} (one small document per request; the dispatcher deletes it once it has taken it on).
 */
public final class WebhookDeliveryStore {

    static final String CURSORS = "webhook_cursors";
    static final String DEAD_LETTERS = "webhook_dead_letters";
    static final String REDELIVERIES = "webhook_redeliveries";

    private final MongoCollection<Document> cursors;
    private final MongoCollection<Document> deadLetters;
    private final MongoCollection<Document> redeliveries;

    public WebhookDeliveryStore(MongoDatabase database) {
        this.cursors = database.getCollection(CURSORS);
        this.deadLetters = database.getCollection(DEAD_LETTERS);
        this.redeliveries = database.getCollection(REDELIVERIES);
    }

    /** The subscription's cursor, or {@code -1} when it has none yet. */
    long cursor(String subscriptionId) {
        Document document = cursors.find(eq("_id", subscriptionId)).first();
        return document == null ? -1 : DocumentValues.longValue(document, "cursor");
    }

    void saveCursor(String subscriptionId, long cursor) {
        cursors.replaceOne(eq("_id", subscriptionId),
                new Document("_id", subscriptionId).append("cursor", cursor)
                        .append("updatedAt", Instant.now().toString()),
                new ReplaceOptions().upsert(true));
    }

    /** The dead letters by position. */
    TreeMap<Long, DeadLetter> deadLetters(String subscriptionId) {
        TreeMap<Long, DeadLetter> result = new TreeMap<>();
        Document document = deadLetters.find(eq("_id", subscriptionId)).first();
        if (document != null) {
            for (Document entry : document.getList("entries", Document.class, List.of())) {
                DeadLetter letter = DeadLetter.from(entry);
                result.put(letter.position(), letter);
            }
        }
        return result;
    }

    void saveDeadLetters(String subscriptionId, Map<Long, DeadLetter> letters) {
        List<Document> entries = new ArrayList<>(letters.size());
        letters.values().forEach(l -> entries.add(l.toDocument()));
        deadLetters.replaceOne(eq("_id", subscriptionId),
                new Document("_id", subscriptionId).append("entries", entries), new ReplaceOptions().upsert(true));
    }

    /** Asks for a redelivery; asking twice is the same as asking once. */
    void requestRedelivery(String subscriptionId, long position) {
        try {
            redeliveries.insertOne(new Document("_id", redeliveryId(subscriptionId, position))
                    .append("subscriptionId", subscriptionId).append("position", position)
                    .append("requestedAt", Instant.now().toString()));
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Every open redelivery request (a small collection: requests are deleted once taken on). */
    List<Redelivery> redeliveryRequests() {
        List<Redelivery> requests = new ArrayList<>();
        for (Document document : redeliveries.find()) {
            requests.add(new Redelivery(document.getString("subscriptionId"),
                    DocumentValues.longValue(document, "position")));
        }
        return requests;
    }

    boolean redeliveryRequested(String subscriptionId, long position) {
        return redeliveries.find(eq("_id", redeliveryId(subscriptionId, position))).first() != null;
    }

    void redeliveryTaken(Redelivery request) {
        redeliveries.deleteOne(eq("_id", redeliveryId(request.subscriptionId(), request.position())));
    }

    private static String redeliveryId(String subscriptionId, long position) {
        return subscriptionId + "#" + position;
    }

    /** A request to deliver a dead letter again. */
    record Redelivery(String subscriptionId, long position) {
    }
}
