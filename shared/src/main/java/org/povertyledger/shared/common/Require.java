package org.povertyledger.shared.common;

import java.util.regex.Pattern;

/** Guard helpers used by compact constructors; each failure names the field and the rule. */
public final class Require {

    private Require() {
    }

    /** The value must be present. */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, "required", field + " is required");
        }
        return value;
    }

    /** The text must be present, not blank and at most {@code maxLength} characters; returns it trimmed. */
    public static String text(String field, String value, int maxLength) {
        present(field, value);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new ValidationException(field, "not-blank", field + " must not be blank");
        }
        if (trimmed.length() > maxLength) {
            throw new ValidationException(field, "max-length:" + maxLength,
                    field + " must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    /** The text must match the pattern, described for humans by {@code shape}. */
    public static String matches(String field, String value, Pattern pattern, String shape) {
        present(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new ValidationException(field, "pattern:" + pattern.pattern(), field + " must be " + shape);
        }
        return value;
    }

    /** The number must lie in [min, max]. */
    public static long range(String field, long value, long min, long max) {
        if (value < min) {
            throw new ValidationException(field, "min:" + min, field + " must be at least " + min);
        }
        if (value > max) {
            throw new ValidationException(field, "max:" + max, field + " must be at most " + max);
        }
        return value;
    }
}
