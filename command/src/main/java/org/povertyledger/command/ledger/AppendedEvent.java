package org.povertyledger.command.ledger;

import java.time.Instant;

/**
 * One event as the ledger recorded it.
 *
 * @param position       global position, starting at 1, gapless
 * @param eventId        the event message identifier
 * @param payloadType    serialized payload type name
 * @param aggregateId    aggregate identifier, {@code null} for an event that belongs to no aggregate
 * @param sequenceNumber aggregate sequence number, {@code -1} for an event that belongs to no aggregate
 * @param hash           the event's chain hash
 * @param timestamp      the event timestamp as stored
 */
public record AppendedEvent(long position, String eventId, String payloadType, String aggregateId,
                            long sequenceNumber, String hash, Instant timestamp) {
}
