package org.povertyledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.povertyledger.command.audit.ConformanceCheck.Miss;
import org.povertyledger.command.audit.ConformanceCheck.Result;
import org.povertyledger.command.audit.ConformanceCheck.Step;
import org.povertyledger.command.audit.ConformanceCheck.Steps;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.ReviewYear;
import org.povertyledger.shared.review.event.ReviewListPostedEvent;
import org.povertyledger.shared.review.event.ReviewRequestedEvent;
import org.povertyledger.shared.review.event.VillageMeetingHeldEvent;

class ConformanceCheckTest {

    private static final CommuneCode COMMUNE = new CommuneCode("24541");
    private static final ReviewYear YEAR = new ReviewYear(2024);
    private static final String ID = "review-24541-2024";

    private static RecordedDecision decision(ReviewKind kind, LocalDate surveyed, LocalDate decided) {
        return new RecordedDecision(10, "e-1", RecordedDecision.Kind.ASSESSMENT, "HH-1", "24541", "Buon Jun", "e-1",
                2024, kind, surveyed, Area.RURAL, 1_200_000, Livelihood.OTHER, new TreeSet<>(), "VN-DECREE-07-2021",
                1, PovertyStatus.NEAR_POOR, 0, "QD-1", decided, "officer", Instant.EPOCH);
    }

    private static VillageMeetingHeldEvent meeting(String village, int attendees, int inFavour) {
        return new VillageMeetingHeldEvent(ID, COMMUNE, YEAR, village, LocalDate.of(2024, 11, 20), attendees,
                inFavour, "BB-1");
    }

    private static ReviewListPostedEvent posting(int days) {
        LocalDate from = LocalDate.of(2024, 11, 25);
        return new ReviewListPostedEvent(ID, COMMUNE, YEAR, from, from.plusDays(days - 1), "commune office");
    }

    private static final RecordedDecision PERIODIC = decision(ReviewKind.PERIODIC, LocalDate.of(2024, 10, 15),
            LocalDate.of(2024, 12, 15));

    @Test
    void aPeriodicDecisionWithEveryStepPassesThemAll() {
        Result result = ConformanceCheck.check(PERIODIC, new Steps(List.of(meeting("Buon Jun", 40, 20)),
                List.of(posting(3)), List.of()), 3);
        assertThat(result.missed()).isEmpty();
        assertThat(result.passed()).containsExactly(Step.REVIEW_WINDOW, Step.VILLAGE_MEETING, Step.VILLAGE_VOTE,
                Step.PUBLIC_POSTING);
    }

    @Test
    void missesTheMeetingWhenOnlyAnotherVillageMet() {
        Result result = ConformanceCheck.check(PERIODIC, new Steps(List.of(meeting("Buon Tria", 40, 30)),
                List.of(posting(3)), List.of()), 3);
        assertThat(result.missed()).extracting(ConformanceCheck.Missed::miss).containsExactly(Miss.MISSING_MEETING);
    }

    @Test
    void missesTheVoteBelowHalfOfTheAttendees() {
        Result result = ConformanceCheck.check(PERIODIC, new Steps(List.of(meeting("Buon Jun", 41, 20)),
                List.of(posting(3)), List.of()), 3);
        assertThat(result.missed()).extracting(ConformanceCheck.Missed::miss).containsExactly(Miss.VOTE_BELOW_HALF);
    }

    @Test
    void missesAPostingShorterThanTheMinimumOrNone() {
        Steps shortPosting = new Steps(List.of(meeting("Buon Jun", 40, 30)), List.of(posting(2)), List.of());
        assertThat(ConformanceCheck.check(PERIODIC, shortPosting, 3).missed())
                .extracting(ConformanceCheck.Missed::miss).containsExactly(Miss.POSTING_TOO_SHORT);
        assertThat(ConformanceCheck.check(PERIODIC, shortPosting, 2).missed()).isEmpty();
        Steps none = new Steps(List.of(meeting("Buon Jun", 40, 30)), List.of(), List.of());
        assertThat(ConformanceCheck.check(PERIODIC, none, 3).missed().get(0).detail()).contains("no public posting");
    }

    @Test
    void missesTheReviewWindowOutsideFirstSeptemberToFourteenthDecember() {
        Steps all = new Steps(List.of(meeting("Buon Jun", 40, 30)), List.of(posting(3)), List.of());
        assertThat(ConformanceCheck.check(decision(ReviewKind.PERIODIC, LocalDate.of(2024, 8, 31),
                LocalDate.of(2024, 12, 15)), all, 3).missed()).extracting(ConformanceCheck.Missed::miss)
                .containsExactly(Miss.OUTSIDE_REVIEW_WINDOW);
        assertThat(ConformanceCheck.check(decision(ReviewKind.PERIODIC, LocalDate.of(2024, 12, 14),
                LocalDate.of(2024, 12, 15)), all, 3).missed()).isEmpty();
    }

    @Test
    void anOnDemandReviewDecidedMoreThanFifteenDaysAfterTheRequestMissesTheDeadline() {
        Steps requested = new Steps(List.of(), List.of(), List.of(new ReviewRequestedEvent(ID, COMMUNE, YEAR,
                new HouseholdId("HH-1"), LocalDate.of(2024, 3, 1))));
        assertThat(ConformanceCheck.check(decision(ReviewKind.ON_DEMAND, LocalDate.of(2024, 3, 5),
                LocalDate.of(2024, 3, 16)), requested, 3).passed())
                .containsExactly(Step.REQUEST_RECORDED, Step.DECIDED_IN_TIME);
        assertThat(ConformanceCheck.check(decision(ReviewKind.ON_DEMAND, LocalDate.of(2024, 3, 5),
                LocalDate.of(2024, 3, 17)), requested, 3).missed()).extracting(ConformanceCheck.Missed::miss)
                .containsExactly(Miss.DEADLINE_PASSED);
    }

    @Test
    void anOnDemandReviewWithoutARecordedRequestMissesIt() {
        assertThat(ConformanceCheck.check(decision(ReviewKind.ON_DEMAND, LocalDate.of(2024, 3, 5),
                LocalDate.of(2024, 3, 10)), new Steps(List.of(), List.of(), List.of()), 3).missed())
                .extracting(ConformanceCheck.Missed::miss).containsExactly(Miss.MISSING_REQUEST);
    }
}
