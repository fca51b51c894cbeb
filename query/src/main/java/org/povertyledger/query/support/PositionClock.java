package org.povertyledger.query.support;

import java.time.Instant;

/**
 * Maps between recorded time and global log positions, as the ledger knows them. Used to turn an
 * {@code asKnownAt} time into the last position recorded at or before it, and to name the time of the position
 * an answer reflects.
 */
public interface PositionClock {

    /** The last position recorded at or before {@code time}; 0 when none. */
    long positionAt(Instant time);

    /** When the event at {@code position} was recorded; {@code null} for position 0 or an unknown position. */
    Instant timeAt(long position);
}
