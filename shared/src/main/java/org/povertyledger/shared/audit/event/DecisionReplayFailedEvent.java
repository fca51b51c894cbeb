package org.povertyledger.shared.audit.event;

import org.povertyledger.shared.audit.value.ReplayId;

/** A replay stopped before the end of its range (the store failed, the node stopped); the reason is kept. */
public record DecisionReplayFailedEvent(ReplayId replayId, long lastPositionReplayed, String reason) {
}
