package org.povertyledger.shared.household.query;

import java.util.List;

/**
 * A household's full history, oldest first.
 *
 * @param position the log position of the last event reflected in the history
 */
public record HouseholdHistoryView(String householdId, List<HistoryEntry> entries, long position) {
}
