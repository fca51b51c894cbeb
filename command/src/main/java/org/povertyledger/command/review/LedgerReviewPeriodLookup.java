package org.povertyledger.command.review;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.review.event.PeriodExceptionGrantedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodApprovedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodLockedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodReturnedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodSubmittedEvent;
import org.povertyledger.shared.review.value.PeriodState;
import org.povertyledger.shared.review.value.ReviewPeriodId;

/**
 * Folds a period's own stream, read without loading (or locking) the period aggregate. A submission racing an
 * assessment may therefore let that assessment through just before the period freezes; the assessment is then
 * part of what was submitted, as it is in the ledger before the submission's position.
 *
 * <p>Read through the event store, so that a bulk session's own threads answer a period that had no event when the
 * session opened from memory (one store read per assessment less); the session checks, before it appends, that no
 * other writer has started such a stream meanwhile (docs/decisions/0054-bulk-session-answers-from-memory.md).
 */
public class LedgerReviewPeriodLookup implements ReviewPeriodLookup {

    private final Supplier<EventStore> events;

    public LedgerReviewPeriodLookup(Supplier<EventStore> events) {
        this.events = events;
    }

    @Override
    public PeriodStatus status(CommuneCode communeCode, int reviewYear) {
        DomainEventStream stream = events.get().readEvents(ReviewPeriodId.of(communeCode.value(), reviewYear).toString(), 0);
        if (!stream.hasNext()) {
            return PeriodStatus.OPEN;
        }
        PeriodState state = PeriodState.OPEN;
        Map<String, String> exceptions = new LinkedHashMap<>();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object event = message.getPayload();
            if (event instanceof ReviewPeriodSubmittedEvent) {
                state = PeriodState.SUBMITTED;
            } else if (event instanceof ReviewPeriodReturnedEvent) {
                state = PeriodState.OPEN;
            } else if (event instanceof ReviewPeriodApprovedEvent) {
                state = PeriodState.APPROVED;
            } else if (event instanceof ReviewPeriodLockedEvent) {
                state = PeriodState.LOCKED;
            } else if (event instanceof PeriodExceptionGrantedEvent granted) {
                exceptions.put(granted.exceptionId(), granted.householdId());
            }
        }
        return new PeriodStatus(state, exceptions);
    }
}
