package org.povertyledger.query.review;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.review.event.PeriodExceptionGrantedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodApprovedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodLockedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodReturnedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodSubmittedEvent;
import org.povertyledger.shared.review.query.ReviewPeriodView;
import org.povertyledger.shared.review.value.PeriodState;
import org.povertyledger.shared.review.value.ReviewPeriodId;

/**
 * A period's sign-off from its own stream: a handful of events per commune and year, read by exact key, so the
 * answer is always as current as the ledger and needs no projection (and no waiting for one).
 */
public class ReviewPeriodReader {

    private final EventStorageEngine engine;

    public ReviewPeriodReader(EventStorageEngine engine) {
        this.engine = engine;
    }

    /** The period's state, steps and exceptions; an untouched period is OPEN with no steps. */
    public ReviewPeriodView read(ReviewPeriodId id) {
        DomainEventStream stream = engine.readEvents(id.toString(), 0);
        PeriodState state = PeriodState.OPEN;
        List<ReviewPeriodView.Step> steps = new ArrayList<>();
        List<ReviewPeriodView.Exception> exceptions = new ArrayList<>();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            String eventId = message.getIdentifier();
            String actor = (String) message.getMetaData().get(MetadataKeys.ACTOR_ID);
            Object event = message.getPayload();
            if (event instanceof ReviewPeriodSubmittedEvent e) {
                state = PeriodState.SUBMITTED;
                steps.add(new ReviewPeriodView.Step("SUBMITTED", actor, message.getTimestamp(), e.decisionRef(),
                        e.note(), eventId));
            } else if (event instanceof ReviewPeriodReturnedEvent e) {
                state = PeriodState.OPEN;
                steps.add(new ReviewPeriodView.Step("RETURNED", actor, message.getTimestamp(), null, e.reason(),
                        eventId));
            } else if (event instanceof ReviewPeriodApprovedEvent e) {
                state = PeriodState.APPROVED;
                steps.add(new ReviewPeriodView.Step("APPROVED", actor, message.getTimestamp(), e.decisionRef(),
                        e.note(), eventId));
            } else if (event instanceof ReviewPeriodLockedEvent e) {
                state = PeriodState.LOCKED;
                steps.add(new ReviewPeriodView.Step("LOCKED", actor, message.getTimestamp(), e.decisionRef(),
                        e.note(), eventId));
            } else if (event instanceof PeriodExceptionGrantedEvent e) {
                steps.add(new ReviewPeriodView.Step("EXCEPTION_GRANTED", actor, message.getTimestamp(),
                        e.legalBasis(), e.reason(), eventId));
                exceptions.add(new ReviewPeriodView.Exception(e.exceptionId(), e.householdId(), e.grantedBy(),
                        e.reason(), e.legalBasis(), eventId));
            }
        }
        // read after the stream, so the head named covers every event the answer holds
        TrackingToken head = engine.createHeadToken();
        long position = head instanceof GlobalSequenceTrackingToken global ? global.getGlobalIndex() : 0;
        return new ReviewPeriodView(id.communeCode().value(), id.year().value(), state, steps, exceptions, position);
    }
}
