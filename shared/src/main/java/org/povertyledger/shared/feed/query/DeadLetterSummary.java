package org.povertyledger.shared.feed.query;

import java.time.Instant;

/**
 * An event a subscription's receiver did not accept after the last retry.
 *
 * @param lastStatus the receiver's last HTTP status, or 0 when it did not answer (timeout, refused connection)
 * @param redeliveryRequested whether a redelivery has been asked for and not yet attempted
 */
public record DeadLetterSummary(long position, String eventId, String type, String subject, int attempts,
                                int lastStatus, String lastError, Instant deadLetteredAt,
                                boolean redeliveryRequested) {
}
