package org.povertyledger.shared.household.query;

import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.StatusTransition;

/**
 * One row of the household list.
 *
 * @param transition the named change that led to the current status ({@code null}: never assessed, or never
 *        changed since)
 * @param transitionYear the review year of that change
 */
public record HouseholdSummary(String householdId, String communeCode, String village, String headName,
                               boolean ethnicMinority, int members, PovertyStatus status, Integer lastReviewYear,
                               StatusTransition transition, Integer transitionYear) {
}
