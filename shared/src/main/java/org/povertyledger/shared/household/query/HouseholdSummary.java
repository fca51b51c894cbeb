package org.povertyledger.shared.household.query;

import org.povertyledger.shared.household.value.PovertyStatus;

/** One row of the household list. */
public record HouseholdSummary(String householdId, String communeCode, String village, String headName,
                               boolean ethnicMinority, int members, PovertyStatus status, Integer lastReviewYear) {
}
