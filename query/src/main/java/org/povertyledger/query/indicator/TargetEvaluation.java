package org.povertyledger.query.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.povertyledger.shared.indicator.query.TargetProgress;
import org.povertyledger.shared.indicator.query.TargetView;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.ProgressStatus;
import org.povertyledger.shared.indicator.value.Target;

/**
 * Measures a value against a target. Changes are improvements in the indicator's direction (a fall for a
 * LOWER_IS_BETTER indicator), computed from the values as reported (two decimals), as an officer would:
 * 12.50% after 15.73% is an improvement of 3.23 points.
 *
 * <ul>
 * <li>ABSOLUTE: ACHIEVED when the value lies within [low, high] (either open), else NOT_ACHIEVED.</li>
 * <li>POINTS_ON_PREVIOUS_YEAR: improvement on the previous year below low: NOT_ACHIEVED; above high (when
 * given): EXCEEDED; otherwise ACHIEVED. "Down 3–3.5 points": 2.9 is not achieved, 3.2 achieved, 3.73 exceeded.</li>
 * <li>PERCENT_ON_BASELINE: the same on the improvement in percent of the baseline year's value. For a year
 * before the target year: ON_TRACK when the improvement so far is at least the straight-line share of the
 * target ({@code low × (year − baseline) / (targetYear − baseline)}), else OFF_TRACK.</li>
 * </ul>
 * A missing value or reference (or a zero baseline) gives NO_DATA.
 */
final class TargetEvaluation {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TargetEvaluation() {
    }

    /** The year whose value a target is measured from, for the value of {@code year}; {@code null} for none. */
    static Integer referenceYear(Target target, int year) {
        return switch (target.kind()) {
            case ABSOLUTE -> null;
            case POINTS_ON_PREVIOUS_YEAR -> year - 1;
            case PERCENT_ON_BASELINE -> target.baselineYear();
        };
    }

    static TargetProgress evaluate(TargetView targetView, Direction direction, int year, BigDecimal value,
                                   BigDecimal reference) {
        Target target = targetView.target();
        if (value == null) {
            return progress(targetView, reference, null, ProgressStatus.NO_DATA);
        }
        return switch (target.kind()) {
            case ABSOLUTE -> {
                boolean met = (target.low() == null || value.compareTo(target.low()) >= 0)
                        && (target.high() == null || value.compareTo(target.high()) <= 0);
                yield progress(targetView, null, value, met ? ProgressStatus.ACHIEVED : ProgressStatus.NOT_ACHIEVED);
            }
            case POINTS_ON_PREVIOUS_YEAR -> {
                if (reference == null) {
                    yield progress(targetView, null, null, ProgressStatus.NO_DATA);
                }
                BigDecimal improvement = improvement(direction, reference, value);
                yield progress(targetView, reference, improvement, classify(improvement, target));
            }
            case PERCENT_ON_BASELINE -> {
                if (reference == null || reference.signum() == 0) {
                    yield progress(targetView, reference, null, ProgressStatus.NO_DATA);
                }
                BigDecimal improvement = improvement(direction, reference, value).multiply(HUNDRED)
                        .divide(reference, 2, RoundingMode.HALF_UP);
                if (year >= targetView.year()) {
                    yield progress(targetView, reference, improvement, classify(improvement, target));
                }
                BigDecimal share = BigDecimal.valueOf(year - target.baselineYear())
                        .divide(BigDecimal.valueOf(targetView.year() - target.baselineYear()), 10, RoundingMode.HALF_UP);
                BigDecimal required = target.low().multiply(share);
                yield progress(targetView, reference, improvement,
                        improvement.compareTo(required) >= 0 ? ProgressStatus.ON_TRACK : ProgressStatus.OFF_TRACK);
            }
        };
    }

    private static BigDecimal improvement(Direction direction, BigDecimal reference, BigDecimal value) {
        return direction == Direction.LOWER_IS_BETTER ? reference.subtract(value) : value.subtract(reference);
    }

    private static ProgressStatus classify(BigDecimal improvement, Target target) {
        if (improvement.compareTo(target.low()) < 0) {
            return ProgressStatus.NOT_ACHIEVED;
        }
        if (target.high() != null && improvement.compareTo(target.high()) > 0) {
            return ProgressStatus.EXCEEDED;
        }
        return ProgressStatus.ACHIEVED;
    }

    private static TargetProgress progress(TargetView view, BigDecimal reference, BigDecimal achieved,
                                           ProgressStatus status) {
        return new TargetProgress(view.year(), view.target(), view.legalBasis(), reference, achieved, status);
    }
}
