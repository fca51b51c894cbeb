package org.povertyledger.shared.feed.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.feed.value.SubscriptionId;

/** Stops delivery until the subscription is resumed; undelivered events wait. */
public record PauseWebhookSubscriptionCommand(@TargetAggregateIdentifier SubscriptionId subscriptionId, String reason) {

    public PauseWebhookSubscriptionCommand {
        Require.present("subscriptionId", subscriptionId);
    }
}
