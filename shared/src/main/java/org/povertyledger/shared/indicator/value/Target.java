package org.povertyledger.shared.indicator.value;

import java.math.BigDecimal;

import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;

/**
 * A target as stated in a plan: see {@link TargetKind} for the meaning of {@code low} and {@code high}. For
 * changes, {@code low} is the planned improvement and {@code high}, when given, the top of the planned range;
 * beyond it a target counts as exceeded.
 *
 * @param baselineYear the year of the baseline value, for {@link TargetKind#PERCENT_ON_BASELINE} only
 */
public record Target(TargetKind kind, BigDecimal low, BigDecimal high, Integer baselineYear) {

    public Target {
        Require.present("kind", kind);
        if (kind == TargetKind.ABSOLUTE && low == null && high == null) {
            throw new ValidationException("low", "required", "an absolute target needs low, high or both");
        }
        if (kind != TargetKind.ABSOLUTE) {
            Require.present("low", low);
        }
        if (low != null && high != null && low.compareTo(high) > 0) {
            throw new ValidationException("high", "min:low", "high must not be below low");
        }
        if (kind == TargetKind.PERCENT_ON_BASELINE) {
            Require.present("baselineYear", baselineYear);
            Require.range("baselineYear", baselineYear, 2000, 2100);
        } else if (baselineYear != null) {
            throw new ValidationException("baselineYear", "absent", "only a PERCENT_ON_BASELINE target has a baselineYear");
        }
    }
}
