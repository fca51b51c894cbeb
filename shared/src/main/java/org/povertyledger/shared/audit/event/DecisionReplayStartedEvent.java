package org.povertyledger.shared.audit.event;

import org.povertyledger.shared.audit.value.ReplayId;
import org.povertyledger.shared.audit.value.ReplayScope;

/**
 * An auditor started a replay of the recorded decisions in a scope over a resolved range of log positions. Who
 * and when are the event's metadata (actor, recordedAt).
 */
public record DecisionReplayStartedEvent(ReplayId replayId, ReplayScope scope, long fromPosition, long toPosition) {
}
