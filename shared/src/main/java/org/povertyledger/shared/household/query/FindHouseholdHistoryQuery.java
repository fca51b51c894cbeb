package org.povertyledger.shared.household.query;

/** Every event of one household, in log order, with its position, metadata and status before and after. */
public record FindHouseholdHistoryQuery(String householdId) {
}
