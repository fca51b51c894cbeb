package org.povertyledger.shared.review.event;

import java.time.LocalDate;

import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.ReviewYear;

/** The commune posted the review's list publicly over a period (both dates inclusive). */
public record ReviewListPostedEvent(String procedureId, CommuneCode communeCode, ReviewYear reviewYear,
                                    LocalDate from, LocalDate to, String place) {
}
