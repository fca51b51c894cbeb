package org.povertyledger.query.feed.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.povertyledger.query.feed.FeedFilter;
import org.povertyledger.query.support.DocumentValues;

/**
 * One subscription in collection {@value #COLLECTION}, as the projection keeps it. Holds the secret, which only the
 * dispatcher reads.
 */
record WebhookSubscriptionDocument(String id, String url, List<String> eventTypes, List<String> units, String secret,
                                   long startAfter, boolean personalData, String owner, String status,
                                   String statusReason, Instant createdAt, long position) {

    static final String COLLECTION = "webhook_subscriptions";

    static final String ACTIVE = "ACTIVE";
    static final String PAUSED = "PAUSED";
    static final String DISABLED = "DISABLED";
    static final String DELETED = "DELETED";

    FeedFilter filter() {
        return new FeedFilter(java.util.Set.copyOf(eventTypes), java.util.Set.copyOf(units));
    }

    WebhookSubscriptionDocument withStatus(String newStatus, String reason, long newPosition) {
        return new WebhookSubscriptionDocument(id, url, eventTypes, units, secret, startAfter, personalData, owner,
                newStatus, reason, createdAt, newPosition);
    }

    Document toDocument() {
        return new Document("_id", id).append("url", url).append("eventTypes", eventTypes).append("units", units)
                .append("secret", secret).append("startAfter", startAfter).append("personalData", personalData)
                .append("owner", owner).append("status", status).append("statusReason", statusReason)
                .append("createdAt", DocumentValues.text(createdAt)).append("position", position);
    }

    static WebhookSubscriptionDocument from(Document d) {
        return new WebhookSubscriptionDocument(d.getString("_id"), d.getString("url"), strings(d, "eventTypes"),
                strings(d, "units"), d.getString("secret"), DocumentValues.longValue(d, "startAfter"),
                DocumentValues.booleanValue(d, "personalData"), d.getString("owner"), d.getString("status"),
                d.getString("statusReason"), DocumentValues.instant(d, "createdAt"),
                DocumentValues.longValue(d, "position"));
    }

    private static List<String> strings(Document d, String key) {
        List<String> values = d.getList(key, String.class);
        return values == null ? List.of() : new ArrayList<>(values);
    }
}
