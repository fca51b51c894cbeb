package org.povertyledger.command.web;

import java.util.Map;
import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.povertyledger.shared.review.command.ApproveReviewPeriodCommand;
import org.povertyledger.shared.review.command.GrantPeriodExceptionCommand;
import org.povertyledger.shared.review.command.LockReviewPeriodCommand;
import org.povertyledger.shared.review.command.RecordPublicPostingCommand;
import org.povertyledger.shared.review.command.RecordReviewRequestCommand;
import org.povertyledger.shared.review.command.RecordVillageMeetingCommand;
import org.povertyledger.shared.review.command.ReturnReviewPeriodCommand;
import org.povertyledger.shared.review.command.SubmitReviewPeriodCommand;
import org.povertyledger.shared.access.AccessScope;
import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.shared.benefit.command.RecordBenefitCommand;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.feed.command.CreateWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.DeleteWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.PauseWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.ResumeWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.event.WebhookSubscriptionCreatedEvent;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.household.command.CorrectAssessmentCommand;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.command.UpdateHouseholdDetailsCommand;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.indicator.command.RecordObservationCommand;
import org.povertyledger.shared.indicator.command.SetTargetCommand;

/**
 * The write half of unit scope, applied to every command the HTTP edge sends, before it is sent:
 * <ul>
 *   <li>a household command needs the household's commune (as the ledger holds it now) inside the scope, and a
 *   registration or details change also the commune it names; otherwise it is refused exactly as a missing
 *   household or unit would be (404), and nothing is written;</li>
 *   <li>an observation or target needs its unit inside the scope (else 404, unit not found);</li>
 *   <li>a webhook subscription change needs the subscription's units inside the scope (else 404); creating one
 *   is checked where its units are chosen;</li>
 *   <li>every other change belongs to no single unit (programme, funding, map, indicator catalogue) and needs a
 *   national scope (403 {@link ErrorCode#NATIONAL_SCOPE_REQUIRED}).</li>
 * </ul>
 */
final class CommandScopeGuard {

    private final AccessScope access;
    private final EventStorageEngine ledger;

    CommandScopeGuard(AccessScope access, EventStorageEngine ledger) {
        this.access = access;
        this.ledger = ledger;
    }

    void check(Object command) {
        UnitScope scope = access.current();
        if (scope.national()) {
            return;
        }
        if (command instanceof RegisterHouseholdCommand c) {
            requireUnit(scope, c.communeCode().value(), "communeCode", "household.write");
        } else if (command instanceof UpdateHouseholdDetailsCommand c) {
            requireHousehold(scope, c.householdId());
            requireUnit(scope, c.communeCode().value(), "communeCode", "household.write");
        } else if (command instanceof RecordAssessmentCommand c) {
            requireHousehold(scope, c.householdId());
        } else if (command instanceof CorrectAssessmentCommand c) {
            requireHousehold(scope, c.householdId());
        } else if (command instanceof RecordBenefitCommand c) {
            requireHousehold(scope, c.householdId());
        } else if (command instanceof RecordObservationCommand c) {
            requireUnit(scope, c.unitCode(), "indicator.write");
        } else if (command instanceof SetTargetCommand c) {
            requireUnit(scope, c.unitCode(), "indicator.write");
        } else if (command instanceof SubmitReviewPeriodCommand c) {
            requireUnit(scope, c.periodId().communeCode().value(), "communeCode", "review.write");
        } else if (command instanceof ApproveReviewPeriodCommand c) {
            requireUnit(scope, c.periodId().communeCode().value(), "communeCode", "review.write");
        } else if (command instanceof LockReviewPeriodCommand c) {
            requireUnit(scope, c.periodId().communeCode().value(), "communeCode", "review.write");
        } else if (command instanceof ReturnReviewPeriodCommand c) {
            requireUnit(scope, c.periodId().communeCode().value(), "communeCode", "review.write");
        } else if (command instanceof GrantPeriodExceptionCommand c) {
            requireUnit(scope, c.periodId().communeCode().value(), "communeCode", "review.write");
            requireHousehold(scope, c.householdId());
        } else if (command instanceof RecordVillageMeetingCommand c) {
            requireUnit(scope, c.communeCode().value(), "communeCode", "review.write");
        } else if (command instanceof RecordPublicPostingCommand c) {
            requireUnit(scope, c.communeCode().value(), "communeCode", "review.write");
        } else if (command instanceof RecordReviewRequestCommand c) {
            requireUnit(scope, c.communeCode().value(), "communeCode", "review.write");
        } else if (command instanceof PauseWebhookSubscriptionCommand c) {
            requireSubscription(scope, c.subscriptionId().value());
        } else if (command instanceof ResumeWebhookSubscriptionCommand c) {
            requireSubscription(scope, c.subscriptionId().value());
        } else if (command instanceof DeleteWebhookSubscriptionCommand c) {
            requireSubscription(scope, c.subscriptionId().value());
        } else if (!(command instanceof CreateWebhookSubscriptionCommand)) {
            // (a new subscription's units were confined to the scope where they were chosen)
            access.denied("national-scope-required", "write");
            throw new DomainException(ErrorCode.NATIONAL_SCOPE_REQUIRED, null, "national-scope",
                    "this change concerns no single unit and needs a national scope");
        }
    }

    private void requireHousehold(UnitScope scope, HouseholdId householdId) {
        Optional<String> commune = communeOf(householdId);
        // An unknown household goes on to the aggregate, which refuses it in its own words.
        if (commune.isPresent() && !scope.covers(commune.get())) {
            access.denied("out-of-scope", "household.write");
            throw new AggregateNotFoundException(householdId.value(), "household not found");
        }
    }

    private void requireUnit(UnitScope scope, UnitCode unit, String endpoint) {
        requireUnit(scope, unit == null ? null : unit.value(), "unitCode", endpoint);
    }

    private void requireUnit(UnitScope scope, String unit, String field, String endpoint) {
        if (unit != null && !scope.covers(unit)) {
            access.denied("out-of-scope", endpoint);
            throw new DomainException(ErrorCode.UNIT_NOT_FOUND, field, "exists", "no unit with code " + unit);
        }
    }

    private void requireSubscription(UnitScope scope, String subscriptionId) {
        DomainEventStream stream = ledger.readEvents(subscriptionId, 0);
        if (!stream.hasNext()) {
            return;
        }
        if (stream.next().getPayload() instanceof WebhookSubscriptionCreatedEvent created
                && !created.units().isEmpty() && created.units().stream().allMatch(scope::covers)) {
            return;
        }
        access.denied("out-of-scope", "subscription.write");
        throw new DomainException(ErrorCode.WEBHOOK_SUBSCRIPTION_NOT_FOUND, "subscriptionId", "exists",
                "no webhook subscription " + subscriptionId, Map.of("subscriptionId", subscriptionId));
    }

    /** The commune the household is in now: that of its registration or latest details change. */
    private Optional<String> communeOf(HouseholdId householdId) {
        DomainEventStream stream = ledger.readEvents(householdId.value(), 0);
        String commune = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof HouseholdRegisteredEvent registered) {
                commune = registered.communeCode().value();
            } else if (event.getPayload() instanceof HouseholdDetailsUpdatedEvent updated) {
                commune = updated.communeCode().value();
            }
        }
        return Optional.ofNullable(commune);
    }
}
