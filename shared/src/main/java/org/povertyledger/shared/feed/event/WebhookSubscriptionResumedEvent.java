package org.povertyledger.shared.feed.event;

import org.povertyledger.shared.feed.value.SubscriptionId;

/** A paused or disabled subscription was resumed. */
public record WebhookSubscriptionResumedEvent(SubscriptionId subscriptionId) {
}
