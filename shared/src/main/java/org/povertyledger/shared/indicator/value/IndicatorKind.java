package org.povertyledger.shared.indicator.value;

/** Where an indicator's values come from. */
public enum IndicatorKind {
    /** Computed from the household register by a {@link DerivedMeasure}. */
    DERIVED,
    /** Recorded (and corrected) by officers as observations. */
    REPORTED
}
