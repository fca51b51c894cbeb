package org.povertyledger.shared.programme.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/** Code of a project of a programme: {@code P} and its number, e.g. {@code P4}. */
public record ProjectCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("P[1-9][0-9]?");

    public ProjectCode {
        Require.matches("projectCode", value, SHAPE, "'P' and a project number 1-99, e.g. P4");
    }

    @Override
    public String toString() {
        return value;
    }
}
