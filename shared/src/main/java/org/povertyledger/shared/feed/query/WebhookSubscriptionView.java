package org.povertyledger.shared.feed.query;

import java.time.Instant;
import java.util.List;

/**
 * A subscription and how far its delivery has come. The secret is never shown after creation.
 *
 * @param status ACTIVE, PAUSED, DISABLED or DELETED
 * @param statusReason why it is paused or disabled
 * @param deliveredThrough every matching event at or below this position has been delivered or dead-lettered
 * @param deadLetters how many events are on its dead-letter list
 * @param position the log position of the subscription's last change
 */
public record WebhookSubscriptionView(String subscriptionId, String url, List<String> eventTypes,
                                      List<String> units, long startAfter, boolean personalData, String owner,
                                      String status, String statusReason, Instant createdAt,
                                      long deliveredThrough, int deadLetters, long position) {
}
