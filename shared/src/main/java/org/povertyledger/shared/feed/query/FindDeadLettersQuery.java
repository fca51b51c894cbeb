package org.povertyledger.shared.feed.query;

/**
 * The dead-letter list of one subscription.
 *
 * @param owner the asking user, or {@code null} to ask as an admin
 */
public record FindDeadLettersQuery(String subscriptionId, String owner) {
}
