package org.povertyledger.command.audit;

import static org.povertyledger.command.programme.Refusals.refusal;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.audit.command.CompleteDecisionReplayCommand;
import org.povertyledger.shared.audit.command.FailDecisionReplayCommand;
import org.povertyledger.shared.audit.command.StartDecisionReplayCommand;
import org.povertyledger.shared.audit.event.DecisionReplayCompletedEvent;
import org.povertyledger.shared.audit.event.DecisionReplayFailedEvent;
import org.povertyledger.shared.audit.event.DecisionReplayStartedEvent;
import org.povertyledger.shared.audit.value.ReplayCounts;
import org.povertyledger.shared.audit.value.ReplayId;
import org.povertyledger.shared.audit.value.ReplayScope;
import org.povertyledger.shared.common.ErrorCode;

class DecisionReplayTest {

    private static final ReplayId ID = new ReplayId("rpl_abcdefgh12345678");
    private static final ReplayScope SCOPE = ReplayScope.everything();
    private static final ReplayCounts COUNTS = new ReplayCounts(10, 8, 1, 1);
    private static final String DIGEST = "ab".repeat(32);

    private AggregateTestFixture<DecisionReplay> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DecisionReplay.class);
    }

    private static DecisionReplayStartedEvent started() {
        return new DecisionReplayStartedEvent(ID, SCOPE, 1, 500);
    }

    @Test
    void recordsTheStartOfAReplayWithItsResolvedRange() {
        fixture.givenNoPriorActivity()
                .when(new StartDecisionReplayCommand(ID, SCOPE, 1, 500))
                .expectEvents(started());
    }

    @Test
    void refusesToStartTheSameReplayTwice() {
        fixture.given(started())
                .when(new StartDecisionReplayCommand(ID, SCOPE, 1, 500))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.REPLAY_STATE, "replayId", "unique"));
    }

    @Test
    void completesARunningReplayWithItsRangeCountsAndDigest() {
        fixture.given(started())
                .when(new CompleteDecisionReplayCommand(ID, COUNTS, DIGEST))
                .expectEvents(new DecisionReplayCompletedEvent(ID, 1, 500, COUNTS, DIGEST));
    }

    @Test
    void refusesToCompleteAReplayThatWasNeverStarted() {
        fixture.givenNoPriorActivity()
                .when(new CompleteDecisionReplayCommand(ID, COUNTS, DIGEST))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.REPLAY_NOT_FOUND, "replayId", "exists"));
    }

    @Test
    void refusesToCompleteAReplayTwice() {
        fixture.given(started(), new DecisionReplayCompletedEvent(ID, 1, 500, COUNTS, DIGEST))
                .when(new CompleteDecisionReplayCommand(ID, COUNTS, DIGEST))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.REPLAY_STATE, "replayId", "running"));
    }

    @Test
    void refusesToFailAReplayThatHasCompleted() {
        fixture.given(started(), new DecisionReplayCompletedEvent(ID, 1, 500, COUNTS, DIGEST))
                .when(new FailDecisionReplayCommand(ID, 300, "store unavailable"))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.REPLAY_STATE, "replayId", "running"));
    }

    @Test
    void recordsWhereAFailedReplayStopped() {
        fixture.given(started())
                .when(new FailDecisionReplayCommand(ID, 300, "store unavailable"))
                .expectEvents(new DecisionReplayFailedEvent(ID, 300, "store unavailable"));
    }

    @Test
    void refusesAStopPositionOutsideTheReplayedRange() {
        fixture.given(started())
                .when(new FailDecisionReplayCommand(ID, 501, "store unavailable"))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.REPLAY_STATE, "lastPositionReplayed", "within-range"));
    }
}
