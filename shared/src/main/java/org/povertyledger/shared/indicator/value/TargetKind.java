package org.povertyledger.shared.indicator.value;

/** How a target is stated. */
public enum TargetKind {
    /** A bound on the value itself: "≥ 90%" is {@code low = 90}, "≤ 5%" is {@code high = 5}. */
    ABSOLUTE,
    /**
     * An improvement in points on the previous year's value, in the indicator's direction: "poverty rate down
     * 3–3.5 points" is {@code low = 3, high = 3.5} on a LOWER_IS_BETTER indicator.
     */
    POINTS_ON_PREVIOUS_YEAR,
    /**
     * An improvement in percent of a baseline year's value: "down 50% on the 2021 baseline by 2025" is
     * {@code low = 50, baselineYear = 2021} for target year 2025.
     */
    PERCENT_ON_BASELINE
}
