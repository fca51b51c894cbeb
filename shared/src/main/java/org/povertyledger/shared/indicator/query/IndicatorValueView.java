package org.povertyledger.shared.indicator.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.povertyledger.shared.geography.value.UnitLevel;
import org.povertyledger.shared.indicator.value.FigureBasis;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

/**
 * An indicator's value for a unit and year.
 *
 * @param value the value ({@code null}: no data)
 * @param numerator for a derived rate, the households counted (for a count, the count); {@code null} when reported
 * @param denominator for a derived rate, the households assessed; {@code null} otherwise
 * @param mapDate the date of the geography the unit was read on
 * @param communes the recorded commune codes whose households were counted (derived only)
 * @param observation the observation a reported value comes from
 * @param progress the value against the unit's target for this year, {@code null} when none is set
 * @param asOf the valid date asked for ({@code null}: every fact known)
 * @param approval the review figures counted: APPROVED only when asked for and the indicator is derived (reported
 *        observations are not part of a commune's review and answer as recorded)
 * @param leftOut on the APPROVED basis, the commune-years with figures that were not counted because their review
 *        period was not approved (the value's year and the year its target is measured from); otherwise empty
 * @param position the log position the answer reflects
 * @param recordedAt when the latest event it reflects was recorded
 * @param basis the outcomes counted: as decided, or as restated under a rulebook version with how many were
 *        restated and how many of those changed status
 */
public record IndicatorValueView(String indicatorCode, String indicatorName, IndicatorKind kind,
                                 UnitOfMeasure unitOfMeasure, String unitCode, String unitName, UnitLevel level,
                                 int year, BigDecimal value, Long numerator, Long denominator, LocalDate mapDate,
                                 List<String> communes, ObservationRef observation, TargetProgress progress,
                                 LocalDate asOf, FigureBasis approval, List<LeftOutPeriod> leftOut, long position,
                                 Instant recordedAt, IndicatorBasis basis) {
}
