package org.povertyledger.shared.review.event;

/**
 * One household of a frozen period was opened for one assessment or correction.
 *
 * @param exceptionId the exception's id, named by the write that uses it
 * @param householdId the household opened
 */
public record PeriodExceptionGrantedEvent(
        String communeCode,
        int year,
        String exceptionId,
        String householdId,
        String grantedBy,
        String reason,
        String legalBasis) implements ReviewPeriodEvent {
}
