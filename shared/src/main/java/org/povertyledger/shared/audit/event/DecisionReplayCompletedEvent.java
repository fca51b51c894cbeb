package org.povertyledger.shared.audit.event;

import org.povertyledger.shared.audit.value.ReplayCounts;
import org.povertyledger.shared.audit.value.ReplayId;

/**
 * A replay re-ran every decision of its range: the counts per outcome, the range replayed, and a SHA-256 digest
 * over its per-decision results in position order, so that a stored result list can be shown to be the one found.
 */
public record DecisionReplayCompletedEvent(ReplayId replayId, long fromPosition, long toPosition,
                                           ReplayCounts counts, String resultsDigest) {
}
