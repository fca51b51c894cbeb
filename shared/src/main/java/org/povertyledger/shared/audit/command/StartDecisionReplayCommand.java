package org.povertyledger.shared.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.audit.value.ReplayId;
import org.povertyledger.shared.audit.value.ReplayScope;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;

/**
 * Records that a replay of the decisions in {@code scope} starts over the log positions {@code fromPosition} to
 * {@code toPosition} (both resolved: the head at the time of the request when the scope names no end).
 */
public record StartDecisionReplayCommand(@TargetAggregateIdentifier ReplayId replayId, ReplayScope scope,
                                         long fromPosition, long toPosition) {

    public StartDecisionReplayCommand {
        Require.present("replayId", replayId);
        Require.present("scope", scope);
        if (fromPosition < 1 || toPosition < fromPosition - 1) {
            throw new ValidationException("toPosition", "not-before-fromPosition",
                    "the replayed range " + fromPosition + ".." + toPosition + " is not a range of positions");
        }
    }
}
