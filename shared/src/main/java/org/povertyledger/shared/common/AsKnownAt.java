package org.povertyledger.shared.common;

import java.time.Instant;

/**
 * The transaction-time bound of a bitemporal read: answer as the system knew things at a log position, or at a
 * recorded time (resolved to the last position recorded at or before it). Both {@code null}: what is known now.
 *
 * @param position a global log position, or {@code null}
 * @param time a recorded time (UTC), or {@code null}
 */
public record AsKnownAt(Long position, Instant time) {

    /** What is known now. */
    public static final AsKnownAt NOW = new AsKnownAt(null, null);

    public AsKnownAt {
        if (position != null && time != null) {
            throw new ValidationException("asKnownAt", "one-of:position,time",
                    "asKnownAt is either a log position or a time, not both");
        }
        if (position != null) {
            Require.range("asKnownAt", position, 0, Long.MAX_VALUE);
        }
    }

    /**
     * Reads the {@code asKnownAt} parameter: digits are a log position, anything else an ISO-8601 instant
     * ({@code 2025-03-01T00:00:00Z}); blank or {@code null} means now.
     *
     * @throws ValidationException naming {@code asKnownAt} when it is neither
     */
    public static AsKnownAt parse(String text) {
        if (text == null || text.isBlank()) {
            return NOW;
        }
        String value = text.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return new AsKnownAt(Long.parseLong(value), null);
            } catch (NumberFormatException e) {
                throw invalid();
            }
        }
        try {
            return new AsKnownAt(null, Instant.parse(value));
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid();
        }
    }

    private static ValidationException invalid() {
        return new ValidationException("asKnownAt", "position-or-instant",
                "asKnownAt must be a log position (digits) or an ISO-8601 instant such as 2025-03-01T00:00:00Z");
    }

    /** Whether this asks for the present knowledge. */
    public boolean isNow() {
        return position == null && time == null;
    }
}
