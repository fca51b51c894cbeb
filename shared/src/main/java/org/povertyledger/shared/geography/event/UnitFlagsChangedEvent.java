package org.povertyledger.shared.geography.event;

import java.time.LocalDate;
import java.util.Set;

import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitFlag;

/** A unit carries exactly {@code flags} from {@code effectiveDate}. */
public record UnitFlagsChangedEvent(UnitCode unitCode, Set<UnitFlag> flags, LocalDate effectiveDate,
                                    String legalBasis) {
}
