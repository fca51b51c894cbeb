package org.povertyledger.shared.review.event;

/**
 * The approved list was locked: it is final.
 *
 * @param lockedBy the user who locked it
 */
public record ReviewPeriodLockedEvent(
        String communeCode,
        int year,
        String lockedBy,
        String decisionRef,
        String note) implements ReviewPeriodEvent {
}
