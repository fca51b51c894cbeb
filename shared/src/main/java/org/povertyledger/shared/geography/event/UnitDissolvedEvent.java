package org.povertyledger.shared.geography.event;

import java.time.LocalDate;

import org.povertyledger.shared.geography.value.UnitCode;

/** A unit ceased on {@code effectiveDate} without a successor; its children moved up (own events). */
public record UnitDissolvedEvent(UnitCode unitCode, LocalDate effectiveDate, String legalBasis) {
}
