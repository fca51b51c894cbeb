package org.povertyledger.shared.indicator.value;

/** The unit an indicator's values are expressed in. */
public enum UnitOfMeasure {
    /** Percent, 0 to 100, two decimals as reported. */
    PERCENT,
    /** A number of households. */
    HOUSEHOLDS,
    /** A number of people. */
    PEOPLE,
    /** Any other count. */
    COUNT
}
