package org.povertyledger.shared.review.event;

/**
 * The district sent a submitted list back to the commune; the period is open again.
 *
 * @param returnedBy the user who sent it back
 */
public record ReviewPeriodReturnedEvent(
        String communeCode,
        int year,
        String returnedBy,
        String reason) implements ReviewPeriodEvent {
}
