package org.povertyledger.shared.programme.value;

import org.povertyledger.shared.common.Require;

/** A budget (calendar) year. Whether it lies within a programme's period is the programme's rule. */
public record FiscalYear(int value) {

    public FiscalYear {
        Require.range("fiscalYear", value, 2000, 2100);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
