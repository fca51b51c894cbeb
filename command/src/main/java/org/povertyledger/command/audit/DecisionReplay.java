package org.povertyledger.command.audit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.povertyledger.shared.audit.command.CompleteDecisionReplayCommand;
import org.povertyledger.shared.audit.command.FailDecisionReplayCommand;
import org.povertyledger.shared.audit.command.StartDecisionReplayCommand;
import org.povertyledger.shared.audit.event.DecisionReplayCompletedEvent;
import org.povertyledger.shared.audit.event.DecisionReplayFailedEvent;
import org.povertyledger.shared.audit.event.DecisionReplayStartedEvent;
import org.povertyledger.shared.audit.value.ReplayId;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;

/**
 * One decision replay as a fact of the ledger: it was started over a range by someone, and it ended once, either
 * with its counts or with the reason it stopped. Every handler is create-if-missing so that a command on an
 * unknown replay is refused by us as not found, not by the framework.
 */
@Aggregate
class DecisionReplay {

    enum State { RUNNING, COMPLETED, FAILED }

    @AggregateIdentifier
    private ReplayId replayId;
    private long fromPosition;
    private long toPosition;
    private State state;

    DecisionReplay() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(StartDecisionReplayCommand command) {
        if (replayId != null) {
            throw new DomainException(ErrorCode.REPLAY_STATE, "replayId", "unique",
                    "replay " + command.replayId() + " was already started");
        }
        apply(new DecisionReplayStartedEvent(command.replayId(), command.scope(), command.fromPosition(),
                command.toPosition()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CompleteDecisionReplayCommand command) {
        requireRunning(command.replayId(), "complete");
        apply(new DecisionReplayCompletedEvent(replayId, fromPosition, toPosition, command.counts(),
                command.resultsDigest()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(FailDecisionReplayCommand command) {
        requireRunning(command.replayId(), "fail");
        if (command.lastPositionReplayed() < fromPosition - 1 || command.lastPositionReplayed() > toPosition) {
            throw new DomainException(ErrorCode.REPLAY_STATE, "lastPositionReplayed", "within-range",
                    "position " + command.lastPositionReplayed() + " is outside the replayed range "
                            + fromPosition + ".." + toPosition,
                    Map.of("fromPosition", fromPosition, "toPosition", toPosition));
        }
        apply(new DecisionReplayFailedEvent(replayId, command.lastPositionReplayed(), command.reason()));
    }

    private void requireRunning(ReplayId requested, String action) {
        if (replayId == null) {
            throw new DomainException(ErrorCode.REPLAY_NOT_FOUND, "replayId", "exists",
                    "no replay " + requested, Map.of("replayId", requested.value()));
        }
        if (state != State.RUNNING) {
            throw new DomainException(ErrorCode.REPLAY_STATE, "replayId", "running",
                    "replay " + replayId + " is " + state + "; only a running replay can " + action,
                    Map.of("state", state.name()));
        }
    }

    @EventSourcingHandler
    void on(DecisionReplayStartedEvent event) {
        replayId = event.replayId();
        fromPosition = event.fromPosition();
        toPosition = event.toPosition();
        state = State.RUNNING;
    }

    @EventSourcingHandler
    void on(DecisionReplayCompletedEvent event) {
        state = State.COMPLETED;
    }

    @EventSourcingHandler
    void on(DecisionReplayFailedEvent event) {
        state = State.FAILED;
    }
}
