package org.povertyledger.shared.indicator.query;

import java.math.BigDecimal;

import org.povertyledger.shared.indicator.value.ProgressStatus;
import org.povertyledger.shared.indicator.value.Target;

/**
 * A value measured against its target.
 *
 * @param targetYear the year the target is set for
 * @param reference the value the change is measured from: the previous year's (points), the baseline year's
 *        (percent); {@code null} for an absolute target
 * @param achieved the value itself (absolute) or the improvement in the indicator's direction (points or percent)
 */
public record TargetProgress(int targetYear, Target target, String legalBasis, BigDecimal reference,
                             BigDecimal achieved, ProgressStatus status) {
}
