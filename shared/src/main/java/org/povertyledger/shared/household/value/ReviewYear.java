package org.povertyledger.shared.household.value;

import org.povertyledger.shared.common.Require;

/** The year of a poverty review. Bounded to years a rulebook could plausibly exist for. */
public record ReviewYear(int value) {

    public ReviewYear {
        Require.range("reviewYear", value, 2000, 2100);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
