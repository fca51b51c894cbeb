package org.povertyledger.query.feed.webhook;

import java.time.Duration;

/**
 * How the dispatcher delivers.
 *
 * @param window events of one subscription read ahead of its cursor at most
 * @param concurrency requests of one subscription in flight at most (events of one household are never in flight
 *        together)
 * @param timeout how long one request may take
 * @param pollInterval how often the dispatcher looks for new events when it has nothing to do
 * @param maxDeadLetters a subscription whose dead-letter list reaches this size is disabled
 */
public record DeliverySettings(int window, int concurrency, Duration timeout, Duration pollInterval,
                               int maxDeadLetters, RetryPolicy retry) {
}
