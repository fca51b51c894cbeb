package org.povertyledger.query.feed.webhook;

import static com.mongodb.client.model.Filters.eq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.feed.query.DeadLetterList;
import org.povertyledger.shared.feed.query.DeadLetterSummary;
import org.povertyledger.shared.feed.query.FindDeadLettersQuery;
import org.povertyledger.shared.feed.query.FindWebhookSubscriptionQuery;
import org.povertyledger.shared.feed.query.FindWebhookSubscriptionsQuery;
import org.povertyledger.shared.feed.query.WebhookSubscriptionView;

/**
 * Answers the subscription queries from the subscriptions read model and the dispatcher's state. A subscription
 * of another owner, or a deleted one, is not found. Lists scan the subscriptions collection, which stays small.
 */
public class WebhookSubscriptionQueryHandler {

    private final MongoCollection<Document> subscriptions;
    private final WebhookDeliveryStore store;

    public WebhookSubscriptionQueryHandler(MongoDatabase database, WebhookDeliveryStore store) {
        this.subscriptions = database.getCollection(WebhookSubscriptionDocument.COLLECTION);
        this.store = store;
    }

    @QueryHandler
    public Optional<WebhookSubscriptionView> handle(FindWebhookSubscriptionQuery query) {
        return visible(query.subscriptionId(), query.owner()).map(this::view);
    }

    @QueryHandler
    public List<WebhookSubscriptionView> handle(FindWebhookSubscriptionsQuery query) {
        List<WebhookSubscriptionView> views = new ArrayList<>();
        for (Document document : subscriptions.find()) {
            WebhookSubscriptionDocument subscription = WebhookSubscriptionDocument.from(document);
            if (!WebhookSubscriptionDocument.DELETED.equals(subscription.status())
                    && (query.owner() == null || query.owner().equals(subscription.owner()))) {
                views.add(view(subscription));
            }
        }
        views.sort(Comparator.comparing(WebhookSubscriptionView::position));
        return views;
    }

    @QueryHandler
    public Optional<DeadLetterList> handle(FindDeadLettersQuery query) {
        return visible(query.subscriptionId(), query.owner()).map(subscription -> {
            List<DeadLetterSummary> items = new ArrayList<>();
            for (DeadLetter letter : store.deadLetters(subscription.id()).values()) {
                items.add(letter.summary(store.redeliveryRequested(subscription.id(), letter.position())));
            }
            return new DeadLetterList(subscription.id(), items);
        });
    }

    /**
     * Records a redelivery request for one dead letter, or all of them ({@code position} null); answers the
     * positions asked for.
     */
    public List<Long> requestRedelivery(String subscriptionId, String owner, Long position) {
        WebhookSubscriptionDocument subscription = visible(subscriptionId, owner)
                .orElseThrow(() -> notFound(subscriptionId));
        var letters = store.deadLetters(subscription.id());
        List<Long> positions = new ArrayList<>();
        if (position == null) {
            positions.addAll(letters.keySet());
        } else if (letters.containsKey(position)) {
            positions.add(position);
        } else {
            throw new DomainException(ErrorCode.DEAD_LETTER_NOT_FOUND, "position", "exists",
                    "subscription " + subscriptionId + " has no dead letter at position " + position,
                    Map.of("position", position));
        }
        positions.forEach(p -> store.requestRedelivery(subscription.id(), p));
        return positions;
    }

    private Optional<WebhookSubscriptionDocument> visible(String id, String owner) {
        Document document = subscriptions.find(eq("_id", id)).first();
        if (document == null) {
            return Optional.empty();
        }
        WebhookSubscriptionDocument subscription = WebhookSubscriptionDocument.from(document);
        if (WebhookSubscriptionDocument.DELETED.equals(subscription.status())
                || (owner != null && !owner.equals(subscription.owner()))) {
            return Optional.empty();
        }
        return Optional.of(subscription);
    }

    private WebhookSubscriptionView view(WebhookSubscriptionDocument s) {
        long cursor = store.cursor(s.id());
        return new WebhookSubscriptionView(s.id(), s.url(), s.eventTypes(), s.units(), s.startAfter(),
                s.personalData(), s.owner(), s.status(), s.statusReason(), s.createdAt(),
                cursor < 0 ? s.startAfter() : cursor, store.deadLetters(s.id()).size(), s.position());
    }

    public static DomainException notFound(String id) {
        return new DomainException(ErrorCode.WEBHOOK_SUBSCRIPTION_NOT_FOUND, "subscriptionId", "exists",
                "no webhook subscription " + id, Map.of("subscriptionId", String.valueOf(id)));
    }
}
