package org.povertyledger.shared.geography.event;

import java.time.LocalDate;

import org.povertyledger.shared.geography.value.UnitCode;

/** A unit belongs to {@code parentCode} from {@code effectiveDate}. */
public record UnitReparentedEvent(UnitCode unitCode, UnitCode previousParentCode, UnitCode parentCode,
                                  LocalDate effectiveDate, String legalBasis) {
}
