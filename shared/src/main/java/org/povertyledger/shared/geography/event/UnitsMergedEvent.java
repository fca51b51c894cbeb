package org.povertyledger.shared.geography.event;

import java.time.LocalDate;
import java.util.List;

import org.povertyledger.shared.geography.value.UnitCode;

/**
 * The sources ceased on {@code effectiveDate} and were merged into the target. Children that moved with them
 * are announced by their own {@link UnitReparentedEvent}s, applied in the same commit.
 */
public record UnitsMergedEvent(List<UnitCode> sourceCodes, UnitCode targetCode, LocalDate effectiveDate,
                               String legalBasis) {
}
