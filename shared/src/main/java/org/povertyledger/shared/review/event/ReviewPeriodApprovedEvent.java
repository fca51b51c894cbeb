package org.povertyledger.shared.review.event;

/**
 * The district approved the submitted list; the approver is not the submitter.
 *
 * @param approvedBy  the user who approved (the checker)
 * @param submittedBy the user whose submission was approved
 */
public record ReviewPeriodApprovedEvent(
        String communeCode,
        int year,
        String approvedBy,
        String submittedBy,
        String decisionRef,
        String note) implements ReviewPeriodEvent {
}
