package org.povertyledger.shared.importing.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/** Identifier of one import run: letters, digits, dot, dash, underscore; 1 to 64 characters. */
public record ImportId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ImportId {
        Require.matches("importId", value, SHAPE, "1-64 letters, digits, '.', '-' or '_', starting with a letter or digit");
    }

    @Override
    public String toString() {
        return value;
    }
}
