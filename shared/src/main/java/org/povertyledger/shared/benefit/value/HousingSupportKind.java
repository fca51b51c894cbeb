package org.povertyledger.shared.benefit.value;

/** Housing support under Project 5 and its default amount per household (Decision 90/QD-TTg). */
public enum HousingSupportKind {
    NEW(40_000_000L),
    REPAIR(20_000_000L);

    private final long defaultAmount;

    HousingSupportKind(long defaultAmount) {
        this.defaultAmount = defaultAmount;
    }

    /** The support in whole VND when the record names no other amount. */
    public long defaultAmount() {
        return defaultAmount;
    }
}
