package org.povertyledger.shared.household.query;

import java.time.LocalDate;

/**
 * One household's current view, or its view as of a valid date.
 *
 * @param asOf the valid date to answer for; {@code null} for the current view
 */
public record FindHouseholdQuery(String householdId, LocalDate asOf) {
}
