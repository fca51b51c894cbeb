package org.povertyledger.shared.indicator.event;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.indicator.value.IndicatorCode;

/** A recorded observation was corrected; it gives the value, source and effective date from now on. */
public record ObservationCorrectedEvent(IndicatorCode indicatorCode, String observationId, UnitCode unitCode,
                                        int year, BigDecimal previousValue, BigDecimal value, String source,
                                        LocalDate effectiveDate, String reason) {
}
