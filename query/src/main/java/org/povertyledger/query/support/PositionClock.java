package org.povertyledger.query.support;

import java.time.Instant;

/**
 * Maps a recorded time to the global log position the ledger had reached by then, so that an
 * {@code asKnownAt} time can be answered as the position it stands for.
 */
public interface PositionClock {

    /** The last position recorded at or before {@code time}; 0 when none. */
    long positionAt(Instant time);
}
