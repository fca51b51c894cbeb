package org.povertyledger.shared.review.event;

import java.time.LocalDate;

import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.ReviewYear;

/** A household requested an on-demand review on a date. */
public record ReviewRequestedEvent(String procedureId, CommuneCode communeCode, ReviewYear reviewYear,
                                   HouseholdId householdId, LocalDate requestDate) {
}
