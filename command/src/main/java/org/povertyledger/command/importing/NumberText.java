package org.povertyledger.command.importing;

import java.math.BigDecimal;

/** Numbers written the way a person typed them: {@code 24612}, not {@code 24612.0} or {@code 2.4612E4}. */
final class NumberText {

    private NumberText() {
    }

    static String of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
