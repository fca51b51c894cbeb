package org.povertyledger.command.review;

import java.util.Map;
import java.util.Objects;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.review.command.ApproveReviewPeriodCommand;
import org.povertyledger.shared.review.command.GrantPeriodExceptionCommand;
import org.povertyledger.shared.review.command.LockReviewPeriodCommand;
import org.povertyledger.shared.review.command.ReturnReviewPeriodCommand;
import org.povertyledger.shared.review.command.SubmitReviewPeriodCommand;
import org.povertyledger.shared.review.event.PeriodExceptionGrantedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodApprovedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodLockedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodReturnedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodSubmittedEvent;
import org.povertyledger.shared.review.value.ReviewPeriodId;

class ReviewPeriodTest {

    private static final ReviewPeriodId PERIOD = ReviewPeriodId.of("24612", 2024);
    private static final String COMMUNE_OFFICER = "officer-24612";
    private static final String DISTRICT_OFFICER = "officer-653";

    private FixtureConfiguration<ReviewPeriod> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReviewPeriod.class);
    }

    @Test
    void theCommuneOfficerSubmitsAnOpenPeriod() {
        fixture.givenNoPriorActivity()
                .when(new SubmitReviewPeriodCommand(PERIOD, "QD-12/2024/UBND", "list posted 20 Nov"), by(COMMUNE_OFFICER))
                .expectEvents(submitted());
    }

    @Test
    void anotherUserApprovesASubmittedPeriod() {
        fixture.given(submitted())
                .when(new ApproveReviewPeriodCommand(PERIOD, "QD-77/2024/UBND", null), by(DISTRICT_OFFICER))
                .expectEvents(new ReviewPeriodApprovedEvent("24612", 2024, DISTRICT_OFFICER, COMMUNE_OFFICER,
                        "QD-77/2024/UBND", null));
    }

    @Test
    void theSubmitterMayNotApproveTheirOwnList() {
        fixture.given(submitted())
                .when(new ApproveReviewPeriodCommand(PERIOD, "QD-77/2024/UBND", null), by(COMMUNE_OFFICER))
                .expectException(refusal(ErrorCode.SAME_USER_APPROVAL, "actor", "maker-checker"))
                .expectNoEvents();
    }

    @Test
    void anApprovedPeriodIsLocked() {
        fixture.given(submitted(), approved())
                .when(new LockReviewPeriodCommand(PERIOD, "QD-80/2024/UBND", null), by(DISTRICT_OFFICER))
                .expectEvents(new ReviewPeriodLockedEvent("24612", 2024, DISTRICT_OFFICER, "QD-80/2024/UBND", null));
    }

    @Test
    void aPeriodThatWasNotApprovedCannotBeLocked() {
        fixture.given(submitted())
                .when(new LockReviewPeriodCommand(PERIOD, "QD-80/2024/UBND", null), by(DISTRICT_OFFICER))
                .expectException(refusal(ErrorCode.PERIOD_STEP_NOT_ALLOWED, "state", "period-sequence"))
                .expectNoEvents();
    }

    @Test
    void anOpenPeriodCannotBeApproved() {
        fixture.givenNoPriorActivity()
                .when(new ApproveReviewPeriodCommand(PERIOD, "QD-77/2024/UBND", null), by(DISTRICT_OFFICER))
                .expectException(refusal(ErrorCode.PERIOD_STEP_NOT_ALLOWED, "state", "period-sequence"))
                .expectNoEvents();
    }

    @Test
    void aSubmittedPeriodCannotBeSubmittedAgain() {
        fixture.given(submitted())
                .when(new SubmitReviewPeriodCommand(PERIOD, "QD-13/2024/UBND", null), by(COMMUNE_OFFICER))
                .expectException(refusal(ErrorCode.PERIOD_STEP_NOT_ALLOWED, "state", "period-sequence"))
                .expectNoEvents();
    }

    @Test
    void aReturnedPeriodIsOpenAndMayBeSubmittedAgainAndThenApprovedByTheOtherUser() {
        fixture.given(submitted(), new ReviewPeriodReturnedEvent("24612", 2024, DISTRICT_OFFICER, "village 3 missing"))
                .when(new SubmitReviewPeriodCommand(PERIOD, "QD-12/2024/UBND", "list posted 20 Nov"), by(COMMUNE_OFFICER))
                .expectEvents(submitted());
    }

    @Test
    void onlyASubmittedPeriodCanBeReturned() {
        fixture.given(submitted(), approved())
                .when(new ReturnReviewPeriodCommand(PERIOD, "too late"), by(DISTRICT_OFFICER))
                .expectException(refusal(ErrorCode.PERIOD_STEP_NOT_ALLOWED, "state", "period-sequence"))
                .expectNoEvents();
    }

    @Test
    void anExceptionIsGrantedOnAFrozenPeriodAndAnswersItsId() {
        fixture.given(submitted(), approved(), new ReviewPeriodLockedEvent("24612", 2024, DISTRICT_OFFICER,
                        "QD-80/2024/UBND", null))
                .when(new GrantPeriodExceptionCommand(PERIOD, new HouseholdId("LAK-24612-00007"),
                        "complaint upheld", "QD-95/2025/UBND"), by("admin"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(new TypeSafeMatcher<Object>() {
                            @Override
                            protected boolean matchesSafely(Object payload) {
                                return payload instanceof PeriodExceptionGrantedEvent e
                                        && e.exceptionId().startsWith("EX-")
                                        && e.householdId().equals("LAK-24612-00007")
                                        && e.grantedBy().equals("admin")
                                        && e.legalBasis().equals("QD-95/2025/UBND");
                            }

                            @Override
                            public void describeTo(Description description) {
                                description.appendText("an exception for LAK-24612-00007 granted by admin");
                            }
                        }),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void anOpenPeriodNeedsNoException() {
        fixture.givenNoPriorActivity()
                .when(new GrantPeriodExceptionCommand(PERIOD, new HouseholdId("LAK-24612-00007"),
                        "complaint upheld", "QD-95/2025/UBND"), by("admin"))
                .expectException(refusal(ErrorCode.PERIOD_STEP_NOT_ALLOWED, "state", "period-sequence"))
                .expectNoEvents();
    }

    private static ReviewPeriodSubmittedEvent submitted() {
        return new ReviewPeriodSubmittedEvent("24612", 2024, COMMUNE_OFFICER, "QD-12/2024/UBND", "list posted 20 Nov");
    }

    private static ReviewPeriodApprovedEvent approved() {
        return new ReviewPeriodApprovedEvent("24612", 2024, DISTRICT_OFFICER, COMMUNE_OFFICER, "QD-77/2024/UBND", null);
    }

    private static Map<String, ?> by(String actor) {
        return MetaData.with(MetadataKeys.ACTOR_ID, actor);
    }

    private static Matcher<DomainException> refusal(ErrorCode code, String field, String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code() == code && Objects.equals(e.field(), field) && Objects.equals(e.rule(), rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(code + " on " + field + " (" + rule + ")");
            }
        };
    }
}
