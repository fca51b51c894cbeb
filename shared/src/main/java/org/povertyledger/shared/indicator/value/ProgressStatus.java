package org.povertyledger.shared.indicator.value;

/** How a unit stands against its target for a year. */
public enum ProgressStatus {
    /** The target year has a value and it meets the target, within its planned range. */
    ACHIEVED,
    /** The target year has a value beyond the top of the planned range, in the good direction. */
    EXCEEDED,
    /** The target year has a value that falls short. */
    NOT_ACHIEVED,
    /** The target year has no value yet; the latest value is on the straight path from the reference to the target. */
    ON_TRACK,
    /** The target year has no value yet; the latest value is behind that path. */
    OFF_TRACK,
    /** Neither the value nor the reference it is measured against is known. */
    NO_DATA
}
