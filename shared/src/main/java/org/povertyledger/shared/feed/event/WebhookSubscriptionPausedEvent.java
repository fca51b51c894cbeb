package org.povertyledger.shared.feed.event;

import org.povertyledger.shared.feed.value.SubscriptionId;

/** A subscription was paused by its owner; delivery resumes where it stopped. */
public record WebhookSubscriptionPausedEvent(SubscriptionId subscriptionId, String reason) {
}
