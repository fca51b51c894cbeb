package org.povertyledger.query.feed.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.povertyledger.query.feed.webhook.RetryPolicy.Outcome;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(10));

    @Test
    void retriesServerErrorsTimeoutsAndTooManyRequestsOnly() {
        assertThat(RetryPolicy.classify(200)).isEqualTo(Outcome.DELIVERED);
        assertThat(RetryPolicy.classify(204)).isEqualTo(Outcome.DELIVERED);
        assertThat(RetryPolicy.classify(410)).isEqualTo(Outcome.GONE);
        assertThat(RetryPolicy.classify(500)).isEqualTo(Outcome.RETRY);
        assertThat(RetryPolicy.classify(503)).isEqualTo(Outcome.RETRY);
        assertThat(RetryPolicy.classify(429)).isEqualTo(Outcome.RETRY);
        assertThat(RetryPolicy.classify(0)).isEqualTo(Outcome.RETRY);
        assertThat(RetryPolicy.classify(400)).isEqualTo(Outcome.DEAD_LETTER);
        assertThat(RetryPolicy.classify(404)).isEqualTo(Outcome.DEAD_LETTER);
        assertThat(RetryPolicy.classify(301)).isEqualTo(Outcome.DEAD_LETTER);
    }

    @Test
    void backsOffExponentiallyWithJitterUpToTheMaximum() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            long full = Math.min(1000L << (attempt - 1), 600_000L);
            for (int sample = 0; sample < 50; sample++) {
                long delay = policy.delayAfter(attempt, null).toMillis();
                assertThat(delay).as("attempt %d", attempt).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void neverRetriesBeforeRetryAfterButCapsItAtAnHour() {
        assertThat(policy.delayAfter(1, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.delayAfter(1, Duration.ofDays(2))).isEqualTo(Duration.ofHours(1));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RetryPolicy.parseRetryAfter("30", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", now))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryPolicy.parseRetryAfter("soon", now)).isNull();
        assertThat(RetryPolicy.parseRetryAfter(null, now)).isNull();
    }
}
