package org.povertyledger.command.review;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
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
import org.povertyledger.shared.review.command.ApproveReviewPeriodCommand;
import org.povertyledger.shared.review.command.GrantPeriodExceptionCommand;
import org.povertyledger.shared.review.command.LockReviewPeriodCommand;
import org.povertyledger.shared.review.command.ReturnReviewPeriodCommand;
import org.povertyledger.shared.review.command.SubmitReviewPeriodCommand;
import org.povertyledger.shared.review.event.PeriodExceptionGrantedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodApprovedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodLockedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodReturnedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodSubmittedEvent;
import org.povertyledger.shared.review.value.PeriodState;
import org.povertyledger.shared.review.value.ReviewPeriodId;

/**
 * The sign-off of one commune's review of one year (Decision 24/2021/QD-TTg: the commune submits the list the
 * village meetings approved, the district checks it, the chairman's decision makes it final).
 *
 * <p>OPEN → SUBMITTED (commune officer) → APPROVED (a different user: maker and checker) → LOCKED; a submitted
 * list can be returned to OPEN with a reason. Every period starts OPEN without an event. Exceptions for one
 * household may be granted while the period is frozen; the household aggregate uses them up.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class ReviewPeriod {

    @AggregateIdentifier
    private String periodId;
    private PeriodState state = PeriodState.OPEN;
    private String submittedBy;

    ReviewPeriod() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SubmitReviewPeriodCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        require(command.periodId(), "submit", PeriodState.OPEN);
        ReviewPeriodId id = command.periodId();
        apply(new ReviewPeriodSubmittedEvent(id.communeCode().value(), id.year().value(), actor,
                command.decisionRef(), command.note()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ApproveReviewPeriodCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        require(command.periodId(), "approve", PeriodState.SUBMITTED);
        if (actor != null && actor.equals(submittedBy)) {
            throw new DomainException(ErrorCode.SAME_USER_APPROVAL, "actor", "maker-checker",
                    "the list was submitted by " + actor + "; another user must approve it",
                    Map.of("submittedBy", submittedBy));
        }
        ReviewPeriodId id = command.periodId();
        apply(new ReviewPeriodApprovedEvent(id.communeCode().value(), id.year().value(), actor, submittedBy,
                command.decisionRef(), command.note()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(LockReviewPeriodCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        require(command.periodId(), "lock", PeriodState.APPROVED);
        ReviewPeriodId id = command.periodId();
        apply(new ReviewPeriodLockedEvent(id.communeCode().value(), id.year().value(), actor,
                command.decisionRef(), command.note()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReturnReviewPeriodCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        require(command.periodId(), "return", PeriodState.SUBMITTED);
        ReviewPeriodId id = command.periodId();
        apply(new ReviewPeriodReturnedEvent(id.communeCode().value(), id.year().value(), actor, command.reason()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(GrantPeriodExceptionCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        if (!state.frozen()) {
            throw stepNotAllowed(command.periodId(), "grant an exception",
                    "the period is open: assessments and corrections need no exception");
        }
        ReviewPeriodId id = command.periodId();
        String exceptionId = "EX-" + UUID.randomUUID();
        apply(new PeriodExceptionGrantedEvent(id.communeCode().value(), id.year().value(), exceptionId,
                command.householdId().value(), actor, command.reason(), command.legalBasis()));
        return exceptionId;
    }

    private void require(ReviewPeriodId id, String step, PeriodState expected) {
        if (state != expected) {
            throw stepNotAllowed(id, step, "only a period in state " + expected + " can " + step + "; it is " + state);
        }
    }

    private DomainException stepNotAllowed(ReviewPeriodId id, String step, String detail) {
        return new DomainException(ErrorCode.PERIOD_STEP_NOT_ALLOWED, "state", "period-sequence",
                "cannot " + step + " the review of " + id.year() + " in commune " + id.communeCode() + ": " + detail,
                Map.of("state", state.name(), "communeCode", id.communeCode().value(), "year", id.year().value()));
    }

    @EventSourcingHandler
    void on(ReviewPeriodSubmittedEvent event) {
        periodId = ReviewPeriodId.of(event.communeCode(), event.year()).toString();
        state = PeriodState.SUBMITTED;
        submittedBy = event.submittedBy();
    }

    @EventSourcingHandler
    void on(ReviewPeriodReturnedEvent event) {
        state = PeriodState.OPEN;
        submittedBy = null;
    }

    @EventSourcingHandler
    void on(ReviewPeriodApprovedEvent event) {
        state = PeriodState.APPROVED;
    }

    @EventSourcingHandler
    void on(ReviewPeriodLockedEvent event) {
        state = PeriodState.LOCKED;
    }
}
