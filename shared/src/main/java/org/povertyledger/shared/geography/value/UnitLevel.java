package org.povertyledger.shared.geography.value;

/**
 * The tier of an administrative unit. A unit's parent is of a higher tier: a commune's parent is a district
 * (before 1 July 2025) or directly a province (after); a village's parent is a commune.
 */
public enum UnitLevel {
    PROVINCE(0),
    DISTRICT(1),
    COMMUNE(2),
    VILLAGE(3);

    private final int depth;

    UnitLevel(int depth) {
        this.depth = depth;
    }

    /** Whether a unit of this level may be the parent of a unit of {@code child} level. */
    public boolean mayParent(UnitLevel child) {
        return depth < child.depth;
    }

    /** Whether households and indicator figures attach to units of this level or roll up into them. */
    public boolean carriesFigures() {
        return this != VILLAGE;
    }
}
