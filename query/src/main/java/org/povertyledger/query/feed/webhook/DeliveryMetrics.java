package org.povertyledger.query.feed.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Webhook delivery attempts by outcome ({@code povertyledger.webhook.deliveries}): {@code delivered}, {@code retry}
 * (failed, tried again later), {@code dead-letter} (given up, kept for redelivery), {@code gone} (410: the
 * subscription is disabled). No-ops without a registry.
 */
final class DeliveryMetrics {

    private final Counter delivered;
    private final Counter retry;
    private final Counter deadLetter;
    private final Counter gone;

    DeliveryMetrics(MeterRegistry registry) {
        delivered = counter(registry, "delivered");
        retry = counter(registry, "retry");
        deadLetter = counter(registry, "dead-letter");
        gone = counter(registry, "gone");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return registry == null ? null : Counter.builder("povertyledger.webhook.deliveries").tag("outcome", outcome)
                .description("webhook delivery attempts by outcome").register(registry);
    }

    void outcome(RetryPolicy.Outcome outcome, boolean givingUp) {
        Counter counter = switch (outcome) {
            case DELIVERED -> delivered;
            case GONE -> gone;
            case RETRY -> givingUp ? deadLetter : retry;
            case DEAD_LETTER -> deadLetter;
        };
        if (counter != null) {
            counter.increment();
        }
    }
}
