package org.povertyledger.shared.benefit.value;

/** Where a household stands on a date for the purpose of benefit eligibility and coverage. */
public enum TargetGroup {
    POOR,
    NEAR_POOR,
    /** Above the line on the date, having escaped poverty or near-poverty within the policy's window. */
    NEWLY_ESCAPED,
    /** Above the line and not newly escaped. */
    OTHER,
    /** No assessment in effect on the date. */
    UNASSESSED
}
