package org.povertyledger.command.review;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.household.value.ReviewYear;
import org.povertyledger.shared.review.command.RecordPublicPostingCommand;
import org.povertyledger.shared.review.command.RecordReviewRequestCommand;
import org.povertyledger.shared.review.command.RecordVillageMeetingCommand;
import org.povertyledger.shared.review.event.ReviewListPostedEvent;
import org.povertyledger.shared.review.event.ReviewRequestedEvent;
import org.povertyledger.shared.review.event.VillageMeetingHeldEvent;

/**
 * A commune's review of one year: its village meetings, public postings and on-demand requests. Every step must
 * fall in the review year (a request for the next year's list belongs to that year's procedure), and the same step
 * is not recorded twice; whether the steps conform to the procedure is judged by the audit, not refused here, so
 * that what happened is on record even when it breaks the rules.
 */
@Aggregate
class ReviewProcedure {

    @AggregateIdentifier
    private String procedureId;
    private final Set<String> steps = new HashSet<>();

    ReviewProcedure() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordVillageMeetingCommand command) {
        inYear(command.reviewYear(), command.date(), "date");
        once("meeting/" + command.village() + "/" + command.date(), "date",
                "a meeting of village " + command.village() + " on " + command.date());
        apply(new VillageMeetingHeldEvent(command.procedureId(), command.communeCode(), command.reviewYear(),
                command.village(), command.date(), command.attendees(), command.inFavour(), command.minutesRef()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordPublicPostingCommand command) {
        inYear(command.reviewYear(), command.from(), "from");
        once("posting/" + command.from() + "/" + command.to(), "from",
                "a posting from " + command.from() + " to " + command.to());
        apply(new ReviewListPostedEvent(command.procedureId(), command.communeCode(), command.reviewYear(),
                command.from(), command.to(), command.place()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordReviewRequestCommand command) {
        inYear(command.reviewYear(), command.requestDate(), "requestDate");
        once("request/" + command.householdId() + "/" + command.requestDate(), "requestDate",
                "a request of household " + command.householdId() + " on " + command.requestDate());
        apply(new ReviewRequestedEvent(command.procedureId(), command.communeCode(), command.reviewYear(),
                command.householdId(), command.requestDate()));
    }

    private static void inYear(ReviewYear year, LocalDate date, String field) {
        if (date.getYear() != year.value()) {
            throw new DomainException(ErrorCode.REVIEW_DATE_OUTSIDE_YEAR, field, "in-review-year",
                    field + " " + date + " is not in review year " + year.value(), Map.of("reviewYear", year.value()));
        }
    }

    private void once(String step, String field, String what) {
        if (steps.contains(step)) {
            throw new DomainException(ErrorCode.REVIEW_STEP_ALREADY_RECORDED, field, "once",
                    what + " is already recorded");
        }
    }

    @EventSourcingHandler
    void on(VillageMeetingHeldEvent event) {
        procedureId = event.procedureId();
        steps.add("meeting/" + event.village() + "/" + event.date());
    }

    @EventSourcingHandler
    void on(ReviewListPostedEvent event) {
        procedureId = event.procedureId();
        steps.add("posting/" + event.from() + "/" + event.to());
    }

    @EventSourcingHandler
    void on(ReviewRequestedEvent event) {
        procedureId = event.procedureId();
        steps.add("request/" + event.householdId() + "/" + event.requestDate());
    }
}
