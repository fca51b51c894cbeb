package org.povertyledger.shared.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.audit.value.ReplayId;
import org.povertyledger.shared.common.Require;

/** Records that a replay stopped before its end, and why; its partial results are not a finding. */
public record FailDecisionReplayCommand(@TargetAggregateIdentifier ReplayId replayId, long lastPositionReplayed,
                                        String reason) {

    public FailDecisionReplayCommand {
        Require.present("replayId", replayId);
        reason = Require.text("reason", reason, 500);
    }
}
