package org.povertyledger.shared.feed.query;

/**
 * One subscription, as its owner (or an admin) sees it.
 *
 * @param owner the asking user, or {@code null} to ask as an admin (any owner)
 */
public record FindWebhookSubscriptionQuery(String subscriptionId, String owner) {
}
