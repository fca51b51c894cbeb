package org.povertyledger.shared.feed.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.feed.value.SubscriptionId;

/** Resumes a paused or disabled subscription from where its delivery stopped. */
public record ResumeWebhookSubscriptionCommand(@TargetAggregateIdentifier SubscriptionId subscriptionId) {

    public ResumeWebhookSubscriptionCommand {
        Require.present("subscriptionId", subscriptionId);
    }
}
