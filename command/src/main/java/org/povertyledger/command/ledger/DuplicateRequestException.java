package org.povertyledger.command.ledger;

import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * The events of a commit carried an {@code idempotencyKey} (with the same {@code actorId}) that an earlier commit
 * already used: the request was applied before, and nothing new was stored.
 * <p>
 * The caller answers the retried request from the existing commit, found by {@link #existingCommitPosition()}.
 * It is non-transient on purpose: retrying the same request can only end the same way.
 */
public class DuplicateRequestException extends EventStoreException {

    private final String requestKey;
    private final long existingCommitPosition;
    private final long existingLastPosition;

    public DuplicateRequestException(String requestKey, long existingCommitPosition, long existingLastPosition,
                                     Throwable cause) {
        super("Request [" + requestKey + "] was already recorded by the commit at positions "
                + existingCommitPosition + ".." + existingLastPosition, cause);
        this.requestKey = requestKey;
        this.existingCommitPosition = existingCommitPosition;
        this.existingLastPosition = existingLastPosition;
    }

    /** The {@code actorId/idempotencyKey} that was already used. */
    public String requestKey() {
        return requestKey;
    }

    /** The existing commit's {@code _id}: the global position of its first event. */
    public long existingCommitPosition() {
        return existingCommitPosition;
    }

    /** The global position of the existing commit's last event. */
    public long existingLastPosition() {
        return existingLastPosition;
    }
}
