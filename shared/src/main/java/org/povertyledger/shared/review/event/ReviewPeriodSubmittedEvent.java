package org.povertyledger.shared.review.event;

/**
 * The commune officer submitted the commune's list of the year.
 *
 * @param submittedBy the user who submitted (the maker)
 * @param decisionRef the decision submitted
 */
public record ReviewPeriodSubmittedEvent(
        String communeCode,
        int year,
        String submittedBy,
        String decisionRef,
        String note) implements ReviewPeriodEvent {
}
