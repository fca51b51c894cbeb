package org.povertyledger.shared.benefit.query;

import java.time.LocalDate;
import java.util.List;

/**
 * A household's benefits, oldest benefit date first.
 *
 * @param position the log position of the last event reflected
 */
public record HouseholdBenefitsView(String householdId, LocalDate asOf, List<BenefitView> benefits, long position) {
}
