package org.povertyledger.shared.household.query;

import java.util.List;

/** A household's full history, oldest first. */
public record HouseholdHistoryView(String householdId, List<HistoryEntry> entries) {
}
