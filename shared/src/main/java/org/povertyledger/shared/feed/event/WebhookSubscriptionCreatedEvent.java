package org.povertyledger.shared.feed.event;

import java.util.SortedSet;

import org.povertyledger.shared.feed.value.SubscriptionId;
import org.povertyledger.shared.feed.value.WebhookSecret;
import org.povertyledger.shared.feed.value.WebhookUrl;

/**
 * A webhook subscription was created.
 *
 * @param eventTypes external type names; empty means every published type
 * @param units commune codes; empty means every unit
 * @param startAfter delivery starts at the position after this one
 * @param owner the user who created it; only they (or an admin) may change it
 */
public record WebhookSubscriptionCreatedEvent(
        SubscriptionId subscriptionId,
        WebhookUrl url,
        SortedSet<String> eventTypes,
        SortedSet<String> units,
        WebhookSecret secret,
        long startAfter,
        boolean personalData,
        String owner) {
}
