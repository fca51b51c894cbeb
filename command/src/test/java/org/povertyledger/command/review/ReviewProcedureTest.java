package org.povertyledger.command.review;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyledger.command.programme.Refusals.refusal;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.ReviewYear;
import org.povertyledger.shared.review.command.RecordPublicPostingCommand;
import org.povertyledger.shared.review.command.RecordReviewRequestCommand;
import org.povertyledger.shared.review.command.RecordVillageMeetingCommand;
import org.povertyledger.shared.review.event.ReviewListPostedEvent;
import org.povertyledger.shared.review.event.ReviewRequestedEvent;
import org.povertyledger.shared.review.event.VillageMeetingHeldEvent;

class ReviewProcedureTest {

    private static final CommuneCode COMMUNE = new CommuneCode("24541");
    private static final ReviewYear YEAR = new ReviewYear(2024);
    private static final String ID = "review-24541-2024";
    private static final LocalDate MEETING = LocalDate.of(2024, 11, 20);

    private AggregateTestFixture<ReviewProcedure> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReviewProcedure.class);
    }

    private static RecordVillageMeetingCommand meeting(LocalDate date) {
        return new RecordVillageMeetingCommand(null, COMMUNE, YEAR, "Buon Jun", date, 40, 25, "BB-12/2024");
    }

    @Test
    void recordsAVillageMeetingWithItsVote() {
        fixture.givenNoPriorActivity()
                .when(meeting(MEETING))
                .expectEvents(new VillageMeetingHeldEvent(ID, COMMUNE, YEAR, "Buon Jun", MEETING, 40, 25,
                        "BB-12/2024"));
    }

    @Test
    void refusesAMeetingOutsideTheReviewYear() {
        fixture.givenNoPriorActivity()
                .when(meeting(LocalDate.of(2025, 1, 5)))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.REVIEW_DATE_OUTSIDE_YEAR, "date", "in-review-year"));
    }

    @Test
    void refusesTheSameMeetingTwice() {
        fixture.given(new VillageMeetingHeldEvent(ID, COMMUNE, YEAR, "Buon Jun", MEETING, 40, 25, "BB-12/2024"))
                .when(meeting(MEETING))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.REVIEW_STEP_ALREADY_RECORDED, "date", "once"));
    }

    @Test
    void recordsAPublicPosting() {
        fixture.givenNoPriorActivity()
                .when(new RecordPublicPostingCommand(null, COMMUNE, YEAR, LocalDate.of(2024, 11, 25),
                        LocalDate.of(2024, 11, 29), "commune People's Committee"))
                .expectEvents(new ReviewListPostedEvent(ID, COMMUNE, YEAR, LocalDate.of(2024, 11, 25),
                        LocalDate.of(2024, 11, 29), "commune People's Committee"));
    }

    @Test
    void refusesAPostingStartingOutsideTheReviewYear() {
        fixture.givenNoPriorActivity()
                .when(new RecordPublicPostingCommand(null, COMMUNE, YEAR, LocalDate.of(2023, 12, 30),
                        LocalDate.of(2024, 1, 3), "commune People's Committee"))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.REVIEW_DATE_OUTSIDE_YEAR, "from", "in-review-year"));
    }

    @Test
    void refusesTheSameRequestTwice() {
        HouseholdId household = new HouseholdId("HH-1");
        fixture.given(new ReviewRequestedEvent(ID, COMMUNE, YEAR, household, LocalDate.of(2024, 3, 2)))
                .when(new RecordReviewRequestCommand(null, COMMUNE, YEAR, household, LocalDate.of(2024, 3, 2)))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.REVIEW_STEP_ALREADY_RECORDED, "requestDate", "once"));
    }

    @Test
    void refusesMoreInFavourThanAttendedAndAPostingEndingBeforeItStarts() {
        assertThatThrownBy(() -> new RecordVillageMeetingCommand(null, COMMUNE, YEAR, "Buon Jun", MEETING, 20, 21,
                "BB-1")).isInstanceOfSatisfying(ValidationException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("inFavour"));
        assertThatThrownBy(() -> new RecordPublicPostingCommand(null, COMMUNE, YEAR, LocalDate.of(2024, 11, 25),
                LocalDate.of(2024, 11, 20), "here")).isInstanceOfSatisfying(ValidationException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.rule()).isEqualTo("not-before-from"));
    }
}
