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

    /** Whether this asks for the present knowledge. */
    public boolean isNow() {
        return position == null && time == null;
    }
}
