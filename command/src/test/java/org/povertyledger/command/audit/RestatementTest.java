package org.povertyledger.command.audit;

import static org.povertyledger.command.programme.Refusals.refusal;

import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.audit.command.CompleteRestatementCommand;
import org.povertyledger.shared.audit.command.RecordRestatedAssessmentsCommand;
import org.povertyledger.shared.audit.command.StartRestatementCommand;
import org.povertyledger.shared.audit.event.AssessmentRestatedEvent;
import org.povertyledger.shared.audit.event.RestatementCompletedEvent;
import org.povertyledger.shared.audit.event.RestatementStartedEvent;
import org.povertyledger.shared.audit.value.CommuneRestatement;
import org.povertyledger.shared.audit.value.RestatedAssessment;
import org.povertyledger.shared.audit.value.RestatementId;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewYear;

class RestatementTest {

    private static final RestatementId ID = new RestatementId("rst_abcdefgh12345678");
    private static final String RULEBOOK = "DAK-LAK-2024";
    private static final RestatedAssessment ONE = new RestatedAssessment("HH-1", "a-1", "a-1", "24541", 2024,
            "VN-DECREE-07-2021", 1, PovertyStatus.NOT_POOR, PovertyStatus.POOR, 4, 2_000_000L, null);
    private static final RestatedAssessment TWO = new RestatedAssessment("HH-2", "a-2", "c-2", "24541", 2024,
            "VN-DECREE-07-2021", 1, PovertyStatus.POOR, PovertyStatus.POOR, 3, 2_000_000L, null);
    private static final List<CommuneRestatement> FIGURES = List.of(new CommuneRestatement("24541", 2, 1, 2, 0, 0, 1));

    private AggregateTestFixture<Restatement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Restatement.class);
    }

    private static RestatementStartedEvent started() {
        return new RestatementStartedEvent(ID, RULEBOOK, 1, new ReviewYear(2024), new CommuneCode("24541"), 90);
    }

    private static AssessmentRestatedEvent restated(RestatedAssessment assessment) {
        return new AssessmentRestatedEvent(ID, RULEBOOK, 1, assessment);
    }

    @Test
    void recordsEachRestatedAssessmentAsItsOwnEventNamingTheRulebook() {
        fixture.given(started())
                .when(new RecordRestatedAssessmentsCommand(ID, List.of(ONE, TWO)))
                .expectEvents(restated(ONE), restated(TWO));
    }

    @Test
    void refusesToStartARestatementTwice() {
        fixture.given(started())
                .when(new StartRestatementCommand(ID, RULEBOOK, 1, new ReviewYear(2024), null, 90))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.RESTATEMENT_STATE, "restatementId", "unique"));
    }

    @Test
    void refusesAssessmentsForARestatementNeverStarted() {
        fixture.givenNoPriorActivity()
                .when(new RecordRestatedAssessmentsCommand(ID, List.of(ONE)))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.RESTATEMENT_NOT_FOUND, "restatementId", "exists"));
    }

    @Test
    void refusesToRestateAnAssessmentTwice() {
        fixture.given(started(), restated(ONE))
                .when(new RecordRestatedAssessmentsCommand(ID, List.of(TWO, ONE)))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.RESTATEMENT_STATE, "assessments", "each-once"));
    }

    @Test
    void completesWithFiguresCoveringWhatWasRecorded() {
        fixture.given(started(), restated(ONE), restated(TWO))
                .when(new CompleteRestatementCommand(ID, 2, FIGURES))
                .expectEvents(new RestatementCompletedEvent(ID, 2, FIGURES));
    }

    @Test
    void refusesACompletionWhoseCountsDoNotMatchTheRecordedAssessments() {
        fixture.given(started(), restated(ONE))
                .when(new CompleteRestatementCommand(ID, 2, FIGURES))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.RESTATEMENT_STATE, "assessments", "all-recorded"));
    }

    @Test
    void refusesAssessmentsAfterCompletion() {
        fixture.given(started(), restated(ONE), restated(TWO), new RestatementCompletedEvent(ID, 2, FIGURES))
                .when(new RecordRestatedAssessmentsCommand(ID, List.of(new RestatedAssessment("HH-3", "a-3", "a-3",
                        "24541", 2024, "VN-DECREE-07-2021", 1, PovertyStatus.POOR, PovertyStatus.POOR, 3,
                        2_000_000L, null))))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.RESTATEMENT_STATE, "restatementId", "open"));
    }
}
