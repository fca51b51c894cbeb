package org.povertyledger.shared.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.audit.value.ReplayCounts;
import org.povertyledger.shared.audit.value.ReplayId;
import org.povertyledger.shared.common.Require;

/** Records what a replay found once every decision in its range has been re-run. */
public record CompleteDecisionReplayCommand(@TargetAggregateIdentifier ReplayId replayId, ReplayCounts counts,
                                            String resultsDigest) {

    public CompleteDecisionReplayCommand {
        Require.present("replayId", replayId);
        Require.present("counts", counts);
        resultsDigest = Require.text("resultsDigest", resultsDigest, 64);
    }
}
