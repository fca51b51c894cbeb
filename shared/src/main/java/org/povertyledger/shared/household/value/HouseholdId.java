package org.povertyledger.shared.household.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/** Identifier of a household in the register: letters, digits, dot, dash, underscore; 1 to 64 characters. */
public record HouseholdId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public HouseholdId {
        Require.matches("householdId", value, SHAPE,
                "1-64 letters, digits, '.', '-' or '_', starting with a letter or digit");
    }

    @Override
    public String toString() {
        return value;
    }
}
