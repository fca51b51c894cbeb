package org.povertyledger.shared.review.query;

import java.time.Instant;
import java.util.List;

import org.povertyledger.shared.review.value.PeriodState;

/**
 * A review period's sign-off as the ledger holds it.
 *
 * @param state      where it stands now
 * @param steps      every step in order (submitted, returned, approved, locked, exception granted)
 * @param exceptions the exceptions granted (whether one was used shows in its household's history)
 * @param position   the ledger head when the period was read: the answer holds every event up to it
 */
public record ReviewPeriodView(String communeCode, int year, PeriodState state, List<Step> steps,
                               List<Exception> exceptions, long position) {

    /** One step: what, by whom, when, under which decision. */
    public record Step(String step, String actorId, Instant recordedAt, String decisionRef, String note,
                       String eventId) {
    }

    /** An exception opening one household for one write. */
    public record Exception(String exceptionId, String householdId, String grantedBy, String reason,
                            String legalBasis, String eventId) {
    }
}
