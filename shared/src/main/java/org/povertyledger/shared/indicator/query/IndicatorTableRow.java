package org.povertyledger.shared.indicator.query;

import java.math.BigDecimal;

import org.povertyledger.shared.geography.value.UnitLevel;

/**
 * One unit of an indicator table.
 *
 * @param rank 1 for the best value in the indicator's direction; equal values share a rank; {@code null} for
 *        the total row and units without data
 * @param total whether this is the parent's own row
 * @param restatedHouseholds with basis restated, the unit's households counted with a restated outcome
 */
public record IndicatorTableRow(Integer rank, String unitCode, String unitName, UnitLevel level, boolean total,
                                BigDecimal value, Long numerator, Long denominator, TargetProgress progress,
                                Long restatedHouseholds) {

    /** A row as decided. */
    public IndicatorTableRow(Integer rank, String unitCode, String unitName, UnitLevel level, boolean total,
                             BigDecimal value, Long numerator, Long denominator, TargetProgress progress) {
        this(rank, unitCode, unitName, level, total, value, numerator, denominator, progress, null);
    }
}
