package org.povertyledger.shared.indicator.event;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

/** A reported value for a unit and year. The event's own id identifies the observation. */
public record ObservationRecordedEvent(IndicatorCode indicatorCode, UnitCode unitCode, int year, BigDecimal value,
                                       UnitOfMeasure unitOfMeasure, String source, LocalDate effectiveDate) {
}
