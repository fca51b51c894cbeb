package org.povertyledger.shared.household.event;

import org.povertyledger.shared.household.value.HouseholdId;

/**
 * An assessment or correction of a frozen review period was recorded under an exception; applied in the same commit
 * as that write, so the exception is used exactly once and the household's history shows it.
 *
 * @param exceptionId   the exception granted on the period
 * @param communeCode   the period's commune
 * @param reviewYear    the period's review year
 * @param assessmentId  the assessment written under the exception
 */
public record PeriodExceptionUsedEvent(
        HouseholdId householdId,
        String exceptionId,
        String communeCode,
        int reviewYear,
        String assessmentId) implements HouseholdEvent {
}
