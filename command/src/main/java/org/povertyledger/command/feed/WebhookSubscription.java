package org.povertyledger.command.feed;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.feed.command.CreateWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.DeleteWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.DisableWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.PauseWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.ResumeWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.event.WebhookSubscriptionCreatedEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionDeletedEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionDisabledEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionPausedEvent;
import org.povertyledger.shared.feed.event.WebhookSubscriptionResumedEvent;
import org.povertyledger.shared.feed.value.SubscriptionId;
import org.povertyledger.shared.feed.value.WebhookAddressRule;

/**
 * A webhook subscription. Its owner (the user who created it) or an admin may pause, resume or delete it; for
 * anyone else it does not exist, so its id reveals nothing. The service itself disables it (no actor) when the
 * receiver answers 410 Gone. Every command on a missing or deleted subscription is refused as not found; every
 * command handler is create-if-missing so that the refusal is ours, not the framework's.
 */
@Aggregate
class WebhookSubscription {

    enum Status { ACTIVE, PAUSED, DISABLED }

    @AggregateIdentifier
    private SubscriptionId subscriptionId;
    private String owner;
    private Status status;
    private boolean deleted;

    WebhookSubscription() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateWebhookSubscriptionCommand command, WebhookAddressRule addressRule,
                @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        if (subscriptionId != null) {
            throw new DomainException(ErrorCode.WEBHOOK_SUBSCRIPTION_STATE, "subscriptionId", "unique",
                    "subscription " + command.subscriptionId() + " already exists");
        }
        addressRule.requirePermitted(command.url());
        apply(new WebhookSubscriptionCreatedEvent(command.subscriptionId(), command.url(), command.eventTypes(),
                command.units(), command.secret(), command.startAfter(), command.personalData(), actor));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(PauseWebhookSubscriptionCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor,
                @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        requireVisibleTo(command.subscriptionId(), actor, role);
        if (status != Status.ACTIVE) {
            throw stateConflict("pause", "only an active subscription can be paused");
        }
        apply(new WebhookSubscriptionPausedEvent(subscriptionId, command.reason()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ResumeWebhookSubscriptionCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor,
                @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        requireVisibleTo(command.subscriptionId(), actor, role);
        if (status == Status.ACTIVE) {
            throw stateConflict("resume", "the subscription is already active");
        }
        apply(new WebhookSubscriptionResumedEvent(subscriptionId));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DeleteWebhookSubscriptionCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor,
                @MetaDataValue(MetadataKeys.ACTOR_ROLE) String role) {
        requireVisibleTo(command.subscriptionId(), actor, role);
        apply(new WebhookSubscriptionDeletedEvent(subscriptionId));
    }

    /** Sent by the delivery side, never over HTTP; a repeat (two 410s in flight) changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DisableWebhookSubscriptionCommand command) {
        requireExists(command.subscriptionId());
        if (status != Status.ACTIVE) {
            return;
        }
        apply(new WebhookSubscriptionDisabledEvent(subscriptionId, command.reason(), command.position()));
    }

    private void requireVisibleTo(SubscriptionId id, String actor, String role) {
        requireExists(id);
        boolean admin = "ADMIN".equals(role);
        if (!admin && (actor == null || !actor.equals(owner))) {
            throw notFound(id);
        }
    }

    private void requireExists(SubscriptionId id) {
        if (subscriptionId == null || deleted) {
            throw notFound(id);
        }
    }

    private static DomainException notFound(SubscriptionId id) {
        return new DomainException(ErrorCode.WEBHOOK_SUBSCRIPTION_NOT_FOUND, "subscriptionId", "exists",
                "no webhook subscription " + id, Map.of("subscriptionId", id.value()));
    }

    private DomainException stateConflict(String action, String message) {
        return new DomainException(ErrorCode.WEBHOOK_SUBSCRIPTION_STATE, null, "state-allows:" + action,
                message + " (it is " + status + ")", Map.of("status", status.name()));
    }

    @EventSourcingHandler
    void on(WebhookSubscriptionCreatedEvent event) {
        subscriptionId = event.subscriptionId();
        owner = event.owner();
        status = Status.ACTIVE;
    }

    @EventSourcingHandler
    void on(WebhookSubscriptionPausedEvent event) {
        status = Status.PAUSED;
    }

    @EventSourcingHandler
    void on(WebhookSubscriptionResumedEvent event) {
        status = Status.ACTIVE;
    }

    @EventSourcingHandler
    void on(WebhookSubscriptionDisabledEvent event) {
        status = Status.DISABLED;
    }

    @EventSourcingHandler
    void on(WebhookSubscriptionDeletedEvent event) {
        deleted = true;
    }
}
