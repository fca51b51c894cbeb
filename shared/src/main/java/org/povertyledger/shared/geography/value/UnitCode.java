package org.povertyledger.shared.geography.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/**
 * The code of an administrative unit: the national code of a province (2 digits), district (3) or commune
 * (5), or a local code for a village. Letters, digits, dot, dash, underscore; 1 to 32 characters.
 */
public record UnitCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    public UnitCode {
        Require.matches("unitCode", value, SHAPE, "1-32 letters, digits, '.', '-' or '_'");
    }

    /** The code, validated as the named field. */
    public static UnitCode of(String field, String value) {
        Require.matches(field, value, SHAPE, "1-32 letters, digits, '.', '-' or '_'");
        return new UnitCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
