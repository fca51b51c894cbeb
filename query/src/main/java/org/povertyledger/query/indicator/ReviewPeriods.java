package org.povertyledger.query.indicator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.povertyledger.query.support.ReferenceLog;
import org.povertyledger.shared.review.event.ReviewPeriodApprovedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodEvent;
import org.povertyledger.shared.review.event.ReviewPeriodLockedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodReturnedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodSubmittedEvent;
import org.povertyledger.shared.review.value.PeriodState;

/**
 * Where each commune's review of each year stands in its sign-off, folded from the reference log up to one log
 * position: the "approved only" figures count a commune-year when its period is APPROVED or LOCKED there.
 * Periods are few (communes times years, a handful of steps each), so they travel with the map and the catalogue.
 */
final class ReviewPeriods {

    static final String STATE = "ReviewPeriodState";

    private final Map<String, PeriodState> states;

    private ReviewPeriods(Map<String, PeriodState> states) {
        this.states = states;
    }

    /** The state a sign-off step leaves its period in. */
    static PeriodState stateAfter(ReviewPeriodEvent event) {
        if (event instanceof ReviewPeriodSubmittedEvent) {
            return PeriodState.SUBMITTED;
        }
        if (event instanceof ReviewPeriodReturnedEvent) {
            return PeriodState.OPEN;
        }
        if (event instanceof ReviewPeriodApprovedEvent) {
            return PeriodState.APPROVED;
        }
        if (event instanceof ReviewPeriodLockedEvent) {
            return PeriodState.LOCKED;
        }
        throw new IllegalArgumentException("not a sign-off step: " + event.getClass().getSimpleName());
    }

    static Document encode(ReviewPeriodEvent event) {
        return new Document("commune", event.communeCode()).append("year", event.year())
                .append("state", stateAfter(event).name());
    }

    static ReviewPeriods fold(List<ReferenceLog.Entry> entries) {
        Map<String, PeriodState> states = new HashMap<>();
        for (ReferenceLog.Entry entry : entries) {
            if (STATE.equals(entry.type())) {
                Document d = entry.data();
                states.put(key(d.getString("commune"), d.getInteger("year")), PeriodState.valueOf(d.getString("state")));
            }
        }
        return new ReviewPeriods(states);
    }

    /** The period's state; a period without steps is OPEN. */
    PeriodState state(String communeCode, int year) {
        return states.getOrDefault(key(communeCode, year), PeriodState.OPEN);
    }

    /** Whether the commune-year counts on the APPROVED basis. */
    boolean approved(String communeCode, int year) {
        PeriodState state = state(communeCode, year);
        return state == PeriodState.APPROVED || state == PeriodState.LOCKED;
    }

    private static String key(String communeCode, int year) {
        return communeCode + "|" + year;
    }
}
