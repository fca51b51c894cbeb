package org.povertyledger.query.feed.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What to do after a delivery attempt. 2xx: delivered. 410: the receiver is gone for good, disable the
 * subscription. 5xx, 429, 408, a timeout or a failed connection: retry after an exponential back-off with jitter
 * (delay in [b/2, b] with b = initial * 2^(attempt-1), at most max), and never before the receiver's
 * {@code Retry-After}; after the last attempt, dead-letter. Any other answer (3xx, other 4xx): dead-letter at once,
 * since repeating the same request cannot change it.
 *
 * @param maxAttempts attempts per event, the first included
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** The longest Retry-After honoured; a longer one is cut to this. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    enum Outcome { DELIVERED, GONE, RETRY, DEAD_LETTER }

    /** @param status the HTTP status, or 0 for a timeout or a failed connection */
    static Outcome classify(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.DELIVERED;
        }
        if (status == 410) {
            return Outcome.GONE;
        }
        if (status == 0 || status >= 500 || status == 429 || status == 408) {
            return Outcome.RETRY;
        }
        return Outcome.DEAD_LETTER;
    }

    /** The delay before attempt {@code attempt + 1}, given {@code attempt} attempts made so far. */
    Duration delayAfter(int attempt, Duration retryAfter) {
        long base = initialBackoff.toMillis();
        long max = maxBackoff.toMillis();
        long backoff = base;
        for (int i = 1; i < attempt && backoff < max; i++) {
            backoff *= 2;
        }
        backoff = Math.min(backoff, max);
        long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        long honoured = retryAfter == null ? 0 : Math.min(retryAfter.toMillis(), MAX_RETRY_AFTER.toMillis());
        return Duration.ofMillis(Math.max(jittered, honoured));
    }

    /** A {@code Retry-After} value: seconds or an HTTP date; {@code null} when absent or unreadable. */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
