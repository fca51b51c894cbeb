package org.povertyledger.shared.feed.event;

import org.povertyledger.shared.feed.value.SubscriptionId;

/**
 * The service stopped a subscription: its receiver answered 410 Gone, or its dead-letter list is full.
 *
 * @param position the position of the event whose delivery caused it
 */
public record WebhookSubscriptionDisabledEvent(SubscriptionId subscriptionId, String reason, long position) {
}
