package org.povertyledger.shared.household.value;

/** A household's classification under the rulebook in force for its review year. */
public enum PovertyStatus {
    /** Registered, no assessment recorded yet. Never produced by a rulebook. */
    UNASSESSED,
    POOR,
    NEAR_POOR,
    AVERAGE_LIVING_STANDARD,
    NOT_POOR;

    /** POOR or NEAR_POOR. */
    public boolean isPoorOrNearPoor() {
        return this == POOR || this == NEAR_POOR;
    }
}
