package org.povertyledger.shared.review.event;

import java.time.LocalDate;

import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.ReviewYear;

/** A village meeting of the review was held, with its attendance, its vote in favour and its minutes. */
public record VillageMeetingHeldEvent(String procedureId, CommuneCode communeCode, ReviewYear reviewYear,
                                      String village, LocalDate date, int attendees, int inFavour,
                                      String minutesRef) {
}
