package org.povertyledger.shared.feed.query;

/**
 * The subscriptions of one owner, or all of them.
 *
 * @param owner the asking user, or {@code null} for every owner's
 */
public record FindWebhookSubscriptionsQuery(String owner) {
}
