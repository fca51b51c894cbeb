package org.povertyledger.shared.benefit.query;

import java.time.LocalDate;

/**
 * The benefits a household received.
 *
 * @param asOf leave out benefits dated after this date; {@code null} for all
 */
public record FindHouseholdBenefitsQuery(String householdId, LocalDate asOf) {
}
