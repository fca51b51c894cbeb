package org.povertyledger.shared.feed.event;

import org.povertyledger.shared.feed.value.SubscriptionId;

/** A subscription was deleted; nothing is delivered for it any more. */
public record WebhookSubscriptionDeletedEvent(SubscriptionId subscriptionId) {
}
