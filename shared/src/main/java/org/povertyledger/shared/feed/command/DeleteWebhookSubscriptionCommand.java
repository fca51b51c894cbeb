package org.povertyledger.shared.feed.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.feed.value.SubscriptionId;

/** Ends a subscription for good. */
public record DeleteWebhookSubscriptionCommand(@TargetAggregateIdentifier SubscriptionId subscriptionId) {

    public DeleteWebhookSubscriptionCommand {
        Require.present("subscriptionId", subscriptionId);
    }
}
