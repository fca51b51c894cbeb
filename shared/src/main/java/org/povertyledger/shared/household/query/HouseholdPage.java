package org.povertyledger.shared.household.query;

import java.util.List;

/**
 * A page of the household list.
 *
 * @param total number of households matching the filter
 * @param position the log position the list reflects
 */
public record HouseholdPage(List<HouseholdSummary> items, int page, int size, long total, long position) {
}
