package org.povertyledger.shared.indicator.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/** The code of an indicator: upper-case letters, digits and underscores, 2 to 64 characters. */
public record IndicatorCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    public IndicatorCode {
        Require.matches("indicatorCode", value, SHAPE, "2-64 upper-case letters, digits or '_', starting with a letter");
    }

    @Override
    public String toString() {
        return value;
    }
}
