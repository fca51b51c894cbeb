package org.povertyledger.shared.indicator.value;

/** Which way an indicator improves; targets on change and rankings follow it. */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER
}
