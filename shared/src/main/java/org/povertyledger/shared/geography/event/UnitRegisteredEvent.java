package org.povertyledger.shared.geography.event;

import java.time.LocalDate;
import java.util.Set;

import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitFlag;
import org.povertyledger.shared.geography.value.UnitLevel;

/** An administrative unit exists from {@code effectiveDate}. */
public record UnitRegisteredEvent(UnitCode unitCode, String name, UnitLevel level, UnitCode parentCode,
                                  Set<UnitFlag> flags, LocalDate effectiveDate, String legalBasis) {
}
