package org.povertyledger.query.household;

import org.axonframework.eventhandling.TrackingToken;

/** Reads an event's global log position from its tracking token. */
final class TrackedPositions {

    private TrackedPositions() {
    }

    static long positionOf(TrackingToken token) {
        if (token == null) {
            throw new IllegalStateException("household projections must run in a streaming event processor: "
                    + "the event has no tracking token");
        }
        return token.position().orElseThrow(() -> new IllegalStateException(
                "tracking token " + token + " has no global position"));
    }
}
