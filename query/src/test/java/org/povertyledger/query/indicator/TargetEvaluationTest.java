package org.povertyledger.query.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.povertyledger.shared.indicator.query.TargetView;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.ProgressStatus;
import org.povertyledger.shared.indicator.value.Target;
import org.povertyledger.shared.indicator.value.TargetKind;

/** Targets on both sides of their ranges. */
class TargetEvaluationTest {

    private static TargetView view(TargetKind kind, String low, String high, Integer baseline, int year) {
        return new TargetView("653", year, new Target(kind, low == null ? null : new BigDecimal(low),
                high == null ? null : new BigDecimal(high), baseline), "NQ-1", 1);
    }

    /** "Poverty rate down 3–3.5 points on the previous year" (Lak 2024: 3.73 against a plan of 3–3.5). */
    @ParameterizedTest
    @CsvSource({
            "15.73, 12.83, 2.90, NOT_ACHIEVED",
            "15.73, 12.74, 2.99, NOT_ACHIEVED",
            "15.73, 12.73, 3.00, ACHIEVED",
            "15.73, 12.50, 3.23, ACHIEVED",
            "15.73, 12.23, 3.50, ACHIEVED",
            "15.73, 12.22, 3.51, EXCEEDED",
            "15.73, 12.00, 3.73, EXCEEDED",
            "15.73, 16.00, -0.27, NOT_ACHIEVED"})
    void pointsDownOnThePreviousYear(String previous, String value, String improvement, ProgressStatus status) {
        var progress = TargetEvaluation.evaluate(view(TargetKind.POINTS_ON_PREVIOUS_YEAR, "3", "3.5", null, 2024),
                Direction.LOWER_IS_BETTER, 2024, new BigDecimal(value), new BigDecimal(previous));
        assertThat(progress.achieved()).isEqualByComparingTo(improvement);
        assertThat(progress.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({"70.0, 73.9, NOT_ACHIEVED", "70.0, 74.0, ACHIEVED", "70.0, 75.0, EXCEEDED"})
    void pointsUpForAHigherIsBetterIndicator(String previous, String value, ProgressStatus status) {
        var progress = TargetEvaluation.evaluate(view(TargetKind.POINTS_ON_PREVIOUS_YEAR, "4", "4.5", null, 2024),
                Direction.HIGHER_IS_BETTER, 2024, new BigDecimal(value), new BigDecimal(previous));
        assertThat(progress.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({"89.99, NOT_ACHIEVED", "90.00, ACHIEVED", "100, ACHIEVED"})
    void atLeastNinetyPercent(String value, ProgressStatus status) {
        var progress = TargetEvaluation.evaluate(view(TargetKind.ABSOLUTE, "90", null, null, 2025),
                Direction.HIGHER_IS_BETTER, 2025, new BigDecimal(value), null);
        assertThat(progress.status()).isEqualTo(status);
    }

    /** "Down 50% on the 2021 baseline by 2025", baseline 20.00. */
    @ParameterizedTest
    @CsvSource({
            "2025, 10.01, NOT_ACHIEVED",
            "2025, 10.00, ACHIEVED",
            "2023, 15.00, ON_TRACK",
            "2023, 15.01, OFF_TRACK"})
    void halfOfTheBaselineByTheTargetYear(int year, String value, ProgressStatus status) {
        var progress = TargetEvaluation.evaluate(view(TargetKind.PERCENT_ON_BASELINE, "50", null, 2021, 2025),
                Direction.LOWER_IS_BETTER, year, new BigDecimal(value), new BigDecimal("20.00"));
        assertThat(progress.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({"ABSOLUTE", "POINTS_ON_PREVIOUS_YEAR"})
    void withoutAValueThereIsNoData(TargetKind kind) {
        var progress = TargetEvaluation.evaluate(view(kind, "3", null, null, 2024), Direction.LOWER_IS_BETTER,
                2024, null, BigDecimal.TEN);
        assertThat(progress.status()).isEqualTo(ProgressStatus.NO_DATA);
    }
}
