package org.povertyledger.shared.programme.value;

/** Whether an adjustment raises or lowers an allocation. */
public enum AdjustmentDirection {
    INCREASE,
    DECREASE;

    /** The amount with this direction's sign. */
    public long signed(long amount) {
        return this == INCREASE ? amount : -amount;
    }
}
