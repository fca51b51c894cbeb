package org.povertyledger.shared.feed.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.feed.value.SubscriptionId;

/**
 * Stops a subscription on the service's own initiative: its receiver answered 410 Gone, or its dead-letter list
 * is full. An owner may resume it.
 *
 * @param position the position of the event whose delivery caused it
 */
public record DisableWebhookSubscriptionCommand(@TargetAggregateIdentifier SubscriptionId subscriptionId,
                                                String reason, long position) {

    public DisableWebhookSubscriptionCommand {
        Require.present("subscriptionId", subscriptionId);
        reason = Require.text("reason", reason, 500);
    }
}
