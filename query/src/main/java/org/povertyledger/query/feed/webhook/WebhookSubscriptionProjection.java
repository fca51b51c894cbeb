package org.povertyledger.query.feed.webhook;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.function.UnaryOperator;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.povertyledger.shared.feed.event.WebhookSubscriptionCreatedEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionDeletedEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionDisabledEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionPausedEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionResumedEvent;
import org.povertyledger.query.support.ReadModelReset;

/**
 * Keeps collection {@value WebhookSubscriptionDocument#COLLECTION}: one document per subscription with its
 * configuration and status. Subscriptions are few and change rarely, so each event is one replace; an event at or
 * below the document's position is skipped, which makes redelivery and replay harmless. Delivery progress and
 * dead letters are not here: they belong to the dispatcher and survive a replay of this projection.
 */
@ProcessingGroup(WebhookSubscriptionProjection.PROCESSING_GROUP)
@AllowReplay
public class WebhookSubscriptionProjection {

    public static final String PROCESSING_GROUP = "webhook-subscriptions";

    private final MongoCollection<Document> collection;

    public WebhookSubscriptionProjection(MongoDatabase database) {
        this.collection = database.getCollection(WebhookSubscriptionDocument.COLLECTION);
    }

    @EventHandler
    public void on(WebhookSubscriptionCreatedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = position(token);
        String id = event.subscriptionId().value();
        if (load(id) != null) {
            return;
        }
        save(new WebhookSubscriptionDocument(id, event.url().value(), new ArrayList<>(event.eventTypes()),
                new ArrayList<>(event.units()), event.secret().value(), event.startAfter(), event.personalData(),
                event.owner(), WebhookSubscriptionDocument.ACTIVE, null, recordedAt, position));
    }

    @EventHandler
    public void on(WebhookSubscriptionPausedEvent event, TrackingToken token) {
        change(event.subscriptionId().value(), position(token),
                d -> d.withStatus(WebhookSubscriptionDocument.PAUSED, event.reason(), position(token)));
    }

    @EventHandler
    public void on(WebhookSubscriptionResumedEvent event, TrackingToken token) {
        change(event.subscriptionId().value(), position(token),
                d -> d.withStatus(WebhookSubscriptionDocument.ACTIVE, null, position(token)));
    }

    @EventHandler
    public void on(WebhookSubscriptionDisabledEvent event, TrackingToken token) {
        change(event.subscriptionId().value(), position(token),
                d -> d.withStatus(WebhookSubscriptionDocument.DISABLED, event.reason(), position(token)));
    }

    @EventHandler
    public void on(WebhookSubscriptionDeletedEvent event, TrackingToken token) {
        change(event.subscriptionId().value(), position(token),
                d -> d.withStatus(WebhookSubscriptionDocument.DELETED, null, position(token)));
    }

    @ResetHandler
    public void reset() {
        ReadModelReset.clear(collection);
    }

    private void change(String id, long position, UnaryOperator<WebhookSubscriptionDocument> change) {
        WebhookSubscriptionDocument current = load(id);
        if (current == null || position <= current.position()) {
            return;
        }
        save(change.apply(current));
    }

    private WebhookSubscriptionDocument load(String id) {
        Document document = collection.find(eq("_id", id)).first();
        return document == null ? null : WebhookSubscriptionDocument.from(document);
    }

    private void save(WebhookSubscriptionDocument document) {
        collection.replaceOne(eq("_id", document.id()), document.toDocument(), new ReplaceOptions().upsert(true));
    }

    private static long position(TrackingToken token) {
        if (token == null) {
            throw new IllegalStateException("the subscriptions projection must run in a streaming processor");
        }
        return token.position().orElseThrow();
    }
}
