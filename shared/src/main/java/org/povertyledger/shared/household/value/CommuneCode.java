package org.povertyledger.shared.household.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/** The five-digit code of a commune-level administrative unit (national list of administrative units). */
public record CommuneCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("[0-9]{5}");

    public CommuneCode {
        Require.matches("communeCode", value, SHAPE, "a five-digit administrative unit code");
    }

    /** Whether {@code value} has the shape of a commune code (five digits). */
    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
