package org.povertyledger.shared.programme.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/**
 * Code of an administrative unit in the national list: 2 digits for a province, 3 for a district, 5 for a commune.
 */
public record UnitCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("[0-9]{2}|[0-9]{3}|[0-9]{5}");
    private static final String DESCRIPTION = "an administrative unit code of 2 (province), 3 (district) or "
            + "5 (commune) digits";

    public UnitCode {
        Require.matches("unitCode", value, SHAPE, DESCRIPTION);
    }

    /** Validates {@code value} naming {@code field} in the refusal. */
    public static UnitCode of(String field, String value) {
        Require.matches(field, value, SHAPE, DESCRIPTION);
        return new UnitCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
