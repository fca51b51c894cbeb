package org.povertyledger.shared.geography.event;

import java.time.LocalDate;

import org.povertyledger.shared.geography.value.UnitCode;

/** A unit bears {@code name} from {@code effectiveDate}. */
public record UnitRenamedEvent(UnitCode unitCode, String previousName, String name, LocalDate effectiveDate,
                               String legalBasis) {
}
