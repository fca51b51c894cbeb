package org.povertyledger.command.household;

import java.time.Instant;
import java.util.HashSet;
import org.povertyledger.shared.household.event.PersonalDataErasedEvent;
import org.povertyledger.shared.household.command.ErasePersonalDataCommand;
import org.povertyledger.command.personaldata.KeyState;
import org.povertyledger.command.personaldata.HouseholdKeyStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyledger.shared.household.value.PovertyStatus.AVERAGE_LIVING_STANDARD;
import static org.povertyledger.shared.household.value.PovertyStatus.NEAR_POOR;
import static org.povertyledger.shared.household.value.PovertyStatus.NOT_POOR;
import static org.povertyledger.shared.household.value.PovertyStatus.POOR;
import static org.povertyledger.shared.household.value.PovertyStatus.UNASSESSED;
import static org.povertyledger.shared.household.value.ReviewKind.ON_DEMAND;
import static org.povertyledger.shared.household.value.ReviewKind.PERIODIC;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.povertyledger.command.review.ReviewPeriodLookup;
import org.povertyledger.command.review.ReviewPeriodLookup.PeriodStatus;
import org.povertyledger.shared.household.event.PeriodExceptionUsedEvent;
import org.povertyledger.shared.review.value.PeriodState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.command.AssessmentFindings;
import org.povertyledger.shared.household.command.AssessmentOutcome;
import org.povertyledger.shared.household.command.CorrectAssessmentCommand;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.command.UpdateHouseholdDetailsCommand;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.ReviewYear;
import org.povertyledger.shared.household.value.StatusTransition;
import org.povertyledger.shared.rulebook.Decision59Rulebook;
import org.povertyledger.shared.rulebook.Decree07Rulebook;
import org.povertyledger.shared.rulebook.RulebookRegistry;

class HouseholdTest {

    private static final HouseholdId HOUSEHOLD = new HouseholdId("HH-26-001");
    private static final CommuneCode COMMUNE = new CommuneCode("26098");
    private static final String VILLAGE = "Thon Ban Cuon";
    private static final int MEMBERS = 5;

    /** Decree 07/2021 rural income line. */
    private static final long RURAL_LINE = 1_500_000;
    private static final String[] THREE_DEPRIVATIONS = {"EMPLOYMENT", "NUTRITION", "HEALTH_INSURANCE"};
    private static final String[] TWO_DEPRIVATIONS = {"EMPLOYMENT", "NUTRITION"};

    private FixtureConfiguration<Household> fixture;
    /** What the review-period check answers; every period is open unless a test says otherwise. */
    private ReviewPeriodLookup periods = (commune, year) -> PeriodStatus.OPEN;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Household.class);
        fixture.registerInjectableResource(RulebookRegistry.national());
        fixture.registerInjectableResource((ReviewPeriodLookup) (commune, year) -> periods.status(commune, year));
    }

    @Nested
    class ReviewPeriodLocks {

        private void frozen(int year, PeriodState state, Map<String, String> exceptions) {
            periods = (commune, y) -> commune.equals(COMMUNE) && y == year
                    ? new PeriodStatus(state, exceptions) : PeriodStatus.OPEN;
        }

        @Test
        void refusesAnAssessmentOfASubmittedPeriod() {
            frozen(2022, PeriodState.SUBMITTED, Map.of());
            fixture.givenCommands(register())
                    .when(periodic(2022, RURAL_LINE, THREE_DEPRIVATIONS))
                    .expectException(refusal(ErrorCode.PERIOD_LOCKED, "reviewYear", "period-open", "state",
                            "SUBMITTED"))
                    .expectNoEvents();
        }

        @Test
        void refusesACorrectionOfALockedPeriodButNotAnAssessmentOfAnotherYear() {
            TestExecutor<Household> given = fixture.givenCommands(register(),
                    periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS));
            String assessmentId = recordedEventId(2021, PERIODIC);
            frozen(2021, PeriodState.LOCKED, Map.of());
            given.when(correction(assessmentId, RURAL_LINE, Livelihood.OTHER, TWO_DEPRIVATIONS))
                    .expectException(refusal(ErrorCode.PERIOD_LOCKED, "reviewYear", "period-open", "state", "LOCKED"))
                    .expectNoEvents();
        }

        @Test
        void anAssessmentOfAnOpenYearPassesWhileAnotherYearIsLocked() {
            frozen(2021, PeriodState.LOCKED, Map.of());
            fixture.givenCommands(register())
                    .when(periodic(2022, RURAL_LINE, THREE_DEPRIVATIONS))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void anExceptionForTheHouseholdAdmitsOneCorrectionAndRecordsItsUse() {
            TestExecutor<Household> given = fixture.givenCommands(register(),
                    periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS));
            String assessmentId = recordedEventId(2021, PERIODIC);
            frozen(2021, PeriodState.LOCKED, Map.of("EX-1", HOUSEHOLD.value()));
            CorrectAssessmentCommand correct = correction(assessmentId, RURAL_LINE, Livelihood.OTHER,
                    TWO_DEPRIVATIONS);
            given.when(correct)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(corrected(correct, assessmentId, 2021, PERIODIC, POOR, NEAR_POOR,
                                    Decree07Rulebook.ID),
                            new HouseholdStatusChangedEvent(HOUSEHOLD, POOR, NEAR_POOR,
                                    StatusTransition.POOR_TO_NEAR_POOR, assessmentId, 2021, correct.effectiveDate()),
                            new PeriodExceptionUsedEvent(HOUSEHOLD, "EX-1", COMMUNE.value(), 2021, assessmentId));
        }

        @Test
        void aUsedExceptionAdmitsNothingMore() {
            TestExecutor<Household> given = fixture.givenCommands(register(),
                    periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS));
            String assessmentId = recordedEventId(2021, PERIODIC);
            frozen(2021, PeriodState.APPROVED, Map.of("EX-1", HOUSEHOLD.value()));
            given.andGivenCommands(correction(assessmentId, RURAL_LINE, Livelihood.OTHER, TWO_DEPRIVATIONS));
            given.when(correction(assessmentId, 1_200_000, Livelihood.OTHER, THREE_DEPRIVATIONS))
                    .expectException(refusal(ErrorCode.PERIOD_LOCKED, "reviewYear", "period-open", "state",
                            "APPROVED"))
                    .expectNoEvents();
        }

        @Test
        void anExceptionForAnotherHouseholdAdmitsNothing() {
            frozen(2022, PeriodState.LOCKED, Map.of("EX-9", "HH-26-999"));
            fixture.givenCommands(register())
                    .when(periodic(2022, RURAL_LINE, THREE_DEPRIVATIONS))
                    .expectException(refusal(ErrorCode.PERIOD_LOCKED, "reviewYear", "period-open"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Erasure {

        private final Set<String> destroyed = new HashSet<>();

        @BeforeEach
        void keys() {
            fixture.registerInjectableResource(new HouseholdKeyStore() {
                @Override
                public KeyState lookup(String householdId) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public KeyState keyForWriting(String householdId) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public boolean destroy(String householdId, String erasedBy, Instant erasedAt) {
                    return destroyed.add(householdId);
                }
            });
        }

        private ErasePersonalDataCommand erase() {
            return new ErasePersonalDataCommand(HOUSEHOLD, "admin",
                    "13/2023/ND-CP art. 16", "DSR-1");
        }

        @Test
        void destroysTheKeyAndRecordsWhoWhenAndUnderWhichBasis() {
            TestExecutor<Household> given = fixture.given(registered());
            Instant now = given.currentTime();
            given.when(erase())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PersonalDataErasedEvent(HOUSEHOLD, "admin", now, "13/2023/ND-CP art. 16",
                            "DSR-1"));
            assertThat(destroyed).containsExactly(HOUSEHOLD.value());
        }

        @Test
        void refusesASecondErasure() {
            fixture.given(registered(), new PersonalDataErasedEvent(
                            HOUSEHOLD, "admin", Instant.parse("2026-01-05T10:00:00Z"), "13/2023/ND-CP art. 16", "DSR-1"))
                    .when(erase())
                    .expectException(refusal(ErrorCode.PERSONAL_DATA_ALREADY_ERASED, "householdId", "erase-once"))
                    .expectNoEvents();
            assertThat(destroyed).isEmpty();
        }
    }

    @Nested
    class Registration {

        @Test
        void registersANewHousehold() {
            fixture.givenNoPriorActivity()
                    .when(register())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(registered());
        }

        @Test
        void refusesToRegisterAHouseholdTwice() {
            fixture.given(registered())
                    .when(register())
                    .expectException(refusal(ErrorCode.HOUSEHOLD_ALREADY_REGISTERED, "householdId", "unique"))
                    .expectNoEvents();
        }
    }

    @Nested
    class UnknownHousehold {

        static Stream<Object> commandsOtherThanRegistration() {
            return Stream.of(
                    periodic(2022, RURAL_LINE, THREE_DEPRIVATIONS),
                    correction("some-event-id", RURAL_LINE, Livelihood.OTHER, THREE_DEPRIVATIONS),
                    new UpdateHouseholdDetailsCommand(HOUSEHOLD, COMMUNE, "Thon Moi", 4, LocalDate.of(2023, 3, 1),
                            "moved"));
        }

        @ParameterizedTest
        @MethodSource("commandsOtherThanRegistration")
        void refusesEveryCommandButRegistrationForAnUnregisteredHousehold(Object command) {
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Assessment {

        @Test
        void classifiesHouseholdAsNewlyPoorWhenIncomeAtLineAndThreeDeprivations() {
            RecordAssessmentCommand assess = periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS);

            ResultValidator<Household> result = fixture.givenCommands(register()).when(assess);

            String assessmentId = recordedEventId(2021, PERIODIC);
            result.expectSuccessfulHandlerExecution()
                    .expectEvents(recorded(assess, POOR, Decree07Rulebook.ID),
                            statusChanged(UNASSESSED, POOR, StatusTransition.NEWLY_POOR, assessmentId, assess))
                    .expectResultMessagePayload(new AssessmentOutcome(assessmentId, POOR, UNASSESSED, POOR,
                            StatusTransition.NEWLY_POOR, 3, Decree07Rulebook.ID, 1));
        }

        @Test
        void householdEscapesPovertyWhenNextYearsReviewFindsIncomeAboveTheLine() {
            RecordAssessmentCommand assess = periodic(2022, RURAL_LINE + 1, THREE_DEPRIVATIONS);

            ResultValidator<Household> result = fixture
                    .givenCommands(register(), periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS))
                    .when(assess);

            String assessmentId = recordedEventId(2022, PERIODIC);
            result.expectEvents(recorded(assess, NOT_POOR, Decree07Rulebook.ID),
                            statusChanged(POOR, NOT_POOR, StatusTransition.ESCAPED_POVERTY, assessmentId, assess))
                    .expectResultMessagePayload(new AssessmentOutcome(assessmentId, NOT_POOR, POOR, NOT_POOR,
                            StatusTransition.ESCAPED_POVERTY, 3, Decree07Rulebook.ID, 1));
        }

        @Test
        void householdThatEscapedPovertyIsRePoorWhenItFallsBack() {
            RecordAssessmentCommand assess = periodic(2023, 900_000, THREE_DEPRIVATIONS);

            ResultValidator<Household> result = fixture
                    .givenCommands(register(),
                            periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS),
                            periodic(2022, 2_500_000))
                    .when(assess);

            String assessmentId = recordedEventId(2023, PERIODIC);
            result.expectEvents(recorded(assess, POOR, Decree07Rulebook.ID),
                    statusChanged(NOT_POOR, POOR, StatusTransition.RE_POOR, assessmentId, assess));
        }

        @Test
        void classifiesHouseholdAsNewlyNearPoorWhenIncomeAtLineAndTwoDeprivations() {
            RecordAssessmentCommand assess = periodic(2021, RURAL_LINE, TWO_DEPRIVATIONS);

            ResultValidator<Household> result = fixture.givenCommands(register()).when(assess);

            String assessmentId = recordedEventId(2021, PERIODIC);
            result.expectEvents(recorded(assess, NEAR_POOR, Decree07Rulebook.ID),
                    statusChanged(UNASSESSED, NEAR_POOR, StatusTransition.NEWLY_NEAR_POOR, assessmentId, assess));
        }

        @Test
        void poorHouseholdWithFewerDeprivationsBecomesNearPoor() {
            RecordAssessmentCommand assess = periodic(2022, RURAL_LINE, TWO_DEPRIVATIONS);

            ResultValidator<Household> result = fixture
                    .givenCommands(register(), periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS))
                    .when(assess);

            String assessmentId = recordedEventId(2022, PERIODIC);
            result.expectEvents(recorded(assess, NEAR_POOR, Decree07Rulebook.ID),
                    statusChanged(POOR, NEAR_POOR, StatusTransition.POOR_TO_NEAR_POOR, assessmentId, assess));
        }

        @Test
        void nearPoorHouseholdWithThreeDeprivationsBecomesPoorForTheFirstTime() {
            RecordAssessmentCommand assess = periodic(2022, RURAL_LINE, THREE_DEPRIVATIONS);

            ResultValidator<Household> result = fixture
                    .givenCommands(register(), periodic(2021, RURAL_LINE, TWO_DEPRIVATIONS))
                    .when(assess);

            String assessmentId = recordedEventId(2022, PERIODIC);
            result.expectEvents(recorded(assess, POOR, Decree07Rulebook.ID),
                    statusChanged(NEAR_POOR, POOR, StatusTransition.NEAR_POOR_TO_POOR, assessmentId, assess));
        }

        @Test
        void nearPoorFarmingHouseholdAboveTheLineEscapesNearPovertyToAverageLivingStandard() {
            RecordAssessmentCommand assess = assessment(2022, PERIODIC, LocalDate.of(2022, 12, 15),
                    2_250_000, Livelihood.FARMING_FORESTRY_FISHERY_SALT);

            ResultValidator<Household> result = fixture
                    .givenCommands(register(), periodic(2021, RURAL_LINE, TWO_DEPRIVATIONS))
                    .when(assess);

            String assessmentId = recordedEventId(2022, PERIODIC);
            result.expectEvents(recorded(assess, AVERAGE_LIVING_STANDARD, Decree07Rulebook.ID),
                    statusChanged(NEAR_POOR, AVERAGE_LIVING_STANDARD, StatusTransition.ESCAPED_NEAR_POVERTY,
                            assessmentId, assess));
        }

        @Test
        void firstAssessmentAboveTheLineIsNamedFirstAssessedAboveLine() {
            RecordAssessmentCommand assess = periodic(2021, 3_000_000);

            ResultValidator<Household> result = fixture.givenCommands(register()).when(assess);

            String assessmentId = recordedEventId(2021, PERIODIC);
            result.expectEvents(recorded(assess, NOT_POOR, Decree07Rulebook.ID),
                    statusChanged(UNASSESSED, NOT_POOR, StatusTransition.FIRST_ASSESSED_ABOVE_LINE, assessmentId,
                            assess));
        }

        @Test
        void unchangedClassificationNextYearEmitsNoStatusChange() {
            RecordAssessmentCommand assess = periodic(2022, 1_000_000, THREE_DEPRIVATIONS);

            ResultValidator<Household> result = fixture
                    .givenCommands(register(), periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS))
                    .when(assess);

            String assessmentId = recordedEventId(2022, PERIODIC);
            result.expectEvents(recorded(assess, POOR, Decree07Rulebook.ID))
                    .expectResultMessagePayload(new AssessmentOutcome(assessmentId, POOR, POOR, POOR, null, 3,
                            Decree07Rulebook.ID, 1));
        }

        @Test
        void classifiesA2020ReviewWithDecision59() {
            RecordAssessmentCommand assess = periodic(2020, 700_000, "INFORMATION_ASSETS");

            ResultValidator<Household> result = fixture.givenCommands(register()).when(assess);

            String assessmentId = recordedEventId(2020, PERIODIC);
            result.expectEvents(recorded(assess, POOR, Decision59Rulebook.ID),
                    statusChanged(UNASSESSED, POOR, StatusTransition.NEWLY_POOR, assessmentId, assess));
        }

        @Test
        void allowsAnyNumberOfOnDemandReviewsInOneYearBesideThePeriodicOne() {
            RecordAssessmentCommand secondOnDemand = assessment(2023, ON_DEMAND, LocalDate.of(2023, 8, 1),
                    1_000_000, Livelihood.OTHER, THREE_DEPRIVATIONS);

            ResultValidator<Household> result = fixture
                    .givenCommands(register(),
                            periodic(2022, RURAL_LINE, TWO_DEPRIVATIONS),
                            assessment(2023, ON_DEMAND, LocalDate.of(2023, 4, 1), 2_600_000, Livelihood.OTHER))
                    .andGivenCommands(periodic(2023, 2_600_000))
                    .when(secondOnDemand);

            result.expectSuccessfulHandlerExecution()
                    .expectEvents(recorded(secondOnDemand, POOR, Decree07Rulebook.ID));
        }

        @Test
        void laterOnDemandReviewDecidesTheStatusOverTheEarlierPeriodicOne() {
            RecordAssessmentCommand onDemand = assessment(2023, ON_DEMAND, LocalDate.of(2024, 2, 1),
                    900_000, Livelihood.OTHER, THREE_DEPRIVATIONS);

            ResultValidator<Household> result = fixture
                    .givenCommands(register(), periodic(2023, 2_600_000))
                    .when(onDemand);

            String assessmentId = recordedEventId(2023, ON_DEMAND);
            result.expectEvents(recorded(onDemand, POOR, Decree07Rulebook.ID),
                    statusChanged(NOT_POOR, POOR, StatusTransition.NEWLY_POOR, assessmentId, onDemand));
        }

        @Test
        void backdatedAssessmentDoesNotOverrideTheOneWithALaterEffectiveDate() {
            RecordAssessmentCommand backdated = assessment(2023, ON_DEMAND, LocalDate.of(2023, 6, 1),
                    900_000, Livelihood.OTHER, THREE_DEPRIVATIONS);

            ResultValidator<Household> result = fixture
                    .givenCommands(register(), periodic(2023, 2_600_000))
                    .when(backdated);

            String assessmentId = recordedEventId(2023, ON_DEMAND);
            result.expectEvents(recorded(backdated, POOR, Decree07Rulebook.ID))
                    .expectResultMessagePayload(new AssessmentOutcome(assessmentId, POOR, NOT_POOR, NOT_POOR, null,
                            3, Decree07Rulebook.ID, 1));
        }

        @Test
        void onEqualEffectiveDatesTheLaterRecordedAssessmentDecidesTheStatus() {
            RecordAssessmentCommand sameDay = assessment(2023, ON_DEMAND, reviewEffectiveDate(2023),
                    RURAL_LINE, Livelihood.OTHER, THREE_DEPRIVATIONS);

            ResultValidator<Household> result = fixture
                    .givenCommands(register(), periodic(2023, 2_600_000))
                    .when(sameDay);

            String assessmentId = recordedEventId(2023, ON_DEMAND);
            result.expectEvents(recorded(sameDay, POOR, Decree07Rulebook.ID),
                    statusChanged(NOT_POOR, POOR, StatusTransition.NEWLY_POOR, assessmentId, sameDay));
        }

        @Test
        void refusesASecondPeriodicAssessmentForTheSameReviewYearNamingTheExistingOne() {
            TestExecutor<Household> given = fixture.givenCommands(register(),
                    periodic(2022, RURAL_LINE, THREE_DEPRIVATIONS));
            String existing = recordedEventId(2022, PERIODIC);

            given.when(periodic(2022, 2_600_000))
                    .expectException(refusal(ErrorCode.PERIODIC_ASSESSMENT_EXISTS, "reviewYear",
                            "one-periodic-per-year", "assessmentId", existing))
                    .expectNoEvents();
        }

        @Test
        void refusesADeprivationCodeTheYearsRulebookDoesNotDefine() {
            fixture.givenCommands(register())
                    .when(periodic(2022, RURAL_LINE, "EMPLOYMENT", "INFORMATION_ASSETS"))
                    .expectException(refusal(ErrorCode.UNKNOWN_DEPRIVATION, "deprivations", "known-indicator"))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @ValueSource(ints = {2015, 2027})
        void refusesAReviewYearNoRulebookCovers(int reviewYear) {
            fixture.givenCommands(register())
                    .when(periodic(reviewYear, RURAL_LINE, THREE_DEPRIVATIONS))
                    .expectException(refusal(ErrorCode.NO_RULEBOOK_FOR_YEAR, "reviewYear", "rulebook-exists"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Correction {

        @Test
        void correctionOfTheCurrentAssessmentChangesTheStatusAndNamesTheTransition() {
            TestExecutor<Household> given = fixture.givenCommands(register(),
                    periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS));
            String assessmentId = recordedEventId(2021, PERIODIC);
            CorrectAssessmentCommand correct = correction(assessmentId, RURAL_LINE, Livelihood.OTHER,
                    TWO_DEPRIVATIONS);

            given.when(correct)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(corrected(correct, assessmentId, 2021, PERIODIC, POOR, NEAR_POOR,
                                    Decree07Rulebook.ID),
                            new HouseholdStatusChangedEvent(HOUSEHOLD, POOR, NEAR_POOR,
                                    StatusTransition.POOR_TO_NEAR_POOR, assessmentId, 2021, correct.effectiveDate()))
                    .expectResultMessagePayload(new AssessmentOutcome(assessmentId, NEAR_POOR, POOR, NEAR_POOR,
                            StatusTransition.POOR_TO_NEAR_POOR, 2, Decree07Rulebook.ID, 1));
        }

        @Test
        void correctionOfAnOlderReviewLeavesTheStatusAloneWhileANewerReviewDecidesIt() {
            TestExecutor<Household> given = fixture.givenCommands(register(),
                    periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS),
                    periodic(2022, 2_600_000));
            String older = recordedEventId(2021, PERIODIC);
            CorrectAssessmentCommand correct = correction(older, RURAL_LINE, Livelihood.OTHER, TWO_DEPRIVATIONS);

            given.when(correct)
                    .expectEvents(corrected(correct, older, 2021, PERIODIC, POOR, NEAR_POOR, Decree07Rulebook.ID))
                    .expectResultMessagePayload(new AssessmentOutcome(older, NEAR_POOR, NOT_POOR, NOT_POOR, null, 2,
                            Decree07Rulebook.ID, 1));
        }

        @Test
        void correctionMayNameAnEarlierCorrectionOfTheAssessment() {
            TestExecutor<Household> given = fixture.givenCommands(register(),
                    periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS));
            String assessmentId = recordedEventId(2021, PERIODIC);
            given.andGivenCommands(correction(assessmentId, RURAL_LINE, Livelihood.OTHER, TWO_DEPRIVATIONS));
            String firstCorrectionId = onlyEventId(AssessmentCorrectedEvent.class);
            CorrectAssessmentCommand correctAgain = correction(firstCorrectionId, 1_200_000, Livelihood.OTHER,
                    THREE_DEPRIVATIONS);

            given.when(correctAgain)
                    .expectEvents(corrected(correctAgain, assessmentId, 2021, PERIODIC, NEAR_POOR, POOR,
                                    Decree07Rulebook.ID),
                            new HouseholdStatusChangedEvent(HOUSEHOLD, NEAR_POOR, POOR, StatusTransition.RE_POOR,
                                    assessmentId, 2021, correctAgain.effectiveDate()))
                    .expectResultMessagePayload(new AssessmentOutcome(assessmentId, POOR, NEAR_POOR, POOR,
                            StatusTransition.RE_POOR, 3, Decree07Rulebook.ID, 1));
        }

        @Test
        void correctionThatMovesTheEffectiveDateBackLetsTheOtherAssessmentDecideTheStatus() {
            RecordAssessmentCommand periodic = periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS);
            TestExecutor<Household> given = fixture.givenCommands(register(), periodic,
                    assessment(2021, ON_DEMAND, LocalDate.of(2022, 3, 1), 2_600_000, Livelihood.OTHER));
            String periodicId = recordedEventId(2021, PERIODIC);
            String onDemandId = recordedEventId(2021, ON_DEMAND);
            CorrectAssessmentCommand backdate = new CorrectAssessmentCommand(HOUSEHOLD, onDemandId,
                    LocalDate.of(2021, 10, 20), findings(RURAL_LINE, Livelihood.OTHER, TWO_DEPRIVATIONS),
                    "QD-DC-2022/UBND", LocalDate.of(2021, 11, 1), "the request was decided before the periodic list");

            given.when(backdate)
                    .expectEvents(corrected(backdate, onDemandId, 2021, ON_DEMAND, NOT_POOR, NEAR_POOR,
                                    Decree07Rulebook.ID),
                            new HouseholdStatusChangedEvent(HOUSEHOLD, NOT_POOR, POOR, StatusTransition.RE_POOR,
                                    periodicId, 2021, periodic.effectiveDate()))
                    .expectResultMessagePayload(new AssessmentOutcome(onDemandId, NEAR_POOR, NOT_POOR, POOR,
                            StatusTransition.RE_POOR, 2, Decree07Rulebook.ID, 1));
        }

        @Test
        void correctionReclassifiesWithTheRulebookOfTheOriginalReviewYear() {
            TestExecutor<Household> given = fixture.givenCommands(register(), periodic(2020, 1_000_000));
            String assessmentId = recordedEventId(2020, PERIODIC);
            CorrectAssessmentCommand correct = correction(assessmentId, 1_000_000, Livelihood.OTHER,
                    "INFORMATION_ASSETS", "TELECOM_USE", "HOUSING_AREA");

            given.when(correct)
                    .expectEvents(corrected(correct, assessmentId, 2020, PERIODIC, NEAR_POOR, POOR,
                                    Decision59Rulebook.ID),
                            new HouseholdStatusChangedEvent(HOUSEHOLD, NEAR_POOR, POOR,
                                    StatusTransition.NEAR_POOR_TO_POOR, assessmentId, 2020, correct.effectiveDate()));
        }

        @Test
        void refusesACorrectionWithADeprivationCodeUnknownToTheOriginalYearsRulebook() {
            TestExecutor<Household> given = fixture.givenCommands(register(), periodic(2020, 1_000_000));
            String assessmentId = recordedEventId(2020, PERIODIC);

            given.when(correction(assessmentId, 1_000_000, Livelihood.OTHER, "NUTRITION"))
                    .expectException(refusal(ErrorCode.UNKNOWN_DEPRIVATION, "deprivations", "known-indicator"))
                    .expectNoEvents();
        }

        @Test
        void refusesToCorrectAnAssessmentThatDoesNotExist() {
            fixture.givenCommands(register(), periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS))
                    .when(correction("no-such-event", RURAL_LINE, Livelihood.OTHER, TWO_DEPRIVATIONS))
                    .expectException(refusal(ErrorCode.ASSESSMENT_NOT_FOUND, "correctsEventId", "exists",
                            "correctsEventId", "no-such-event"))
                    .expectNoEvents();
        }

        @Test
        void refusesToCorrectAnEventThatIsNotAnAssessment() {
            TestExecutor<Household> given = fixture.givenCommands(register(),
                    periodic(2021, RURAL_LINE, THREE_DEPRIVATIONS));
            String registrationId = onlyEventId(HouseholdRegisteredEvent.class);

            given.when(correction(registrationId, RURAL_LINE, Livelihood.OTHER, TWO_DEPRIVATIONS))
                    .expectException(refusal(ErrorCode.ASSESSMENT_NOT_FOUND, "correctsEventId", "exists"))
                    .expectNoEvents();
        }
    }

    @Nested
    class CommandValidation {

        @Test
        void refusesACorrectionWithoutReason() {
            assertValidationFailure(() -> new CorrectAssessmentCommand(HOUSEHOLD, "event-1", LocalDate.of(2022, 1, 10),
                    findings(RURAL_LINE, Livelihood.OTHER), "QD-1", LocalDate.of(2022, 1, 20), null),
                    "reason", "required");
            assertValidationFailure(() -> new CorrectAssessmentCommand(HOUSEHOLD, "event-1", LocalDate.of(2022, 1, 10),
                    findings(RURAL_LINE, Livelihood.OTHER), "QD-1", LocalDate.of(2022, 1, 20), "   "),
                    "reason", "not-blank");
        }

        @Test
        void refusesACorrectionThatNamesNoAssessment() {
            assertValidationFailure(() -> new CorrectAssessmentCommand(HOUSEHOLD, "", LocalDate.of(2022, 1, 10),
                    findings(RURAL_LINE, Livelihood.OTHER), "QD-1", LocalDate.of(2022, 1, 20), "typo"),
                    "correctsEventId", "not-blank");
        }

        @Test
        void refusesANegativeIncome() {
            assertValidationFailure(() -> Vnd.of("incomePerCapitaMonthly", -1), "incomePerCapitaMonthly", "min:0");
            assertValidationFailure(() -> new Vnd(-1), "amount", "min:0");
        }

        @Test
        void refusesAnAssessmentWithoutDecisionReference() {
            assertValidationFailure(() -> new RecordAssessmentCommand(HOUSEHOLD, new ReviewYear(2022), PERIODIC,
                    LocalDate.of(2022, 10, 1), findings(RURAL_LINE, Livelihood.OTHER), " ",
                    LocalDate.of(2022, 12, 15)), "decisionRef", "not-blank");
        }

        @Test
        void refusesAnAssessmentWithoutReviewKind() {
            assertValidationFailure(() -> new RecordAssessmentCommand(HOUSEHOLD, new ReviewYear(2022), null,
                    LocalDate.of(2022, 10, 1), findings(RURAL_LINE, Livelihood.OTHER), "QD-1",
                    LocalDate.of(2022, 12, 15)), "reviewKind", "required");
        }

        @Test
        void refusesABlankDeprivationCode() {
            assertValidationFailure(() -> findings(RURAL_LINE, Livelihood.OTHER, "EMPLOYMENT", " "),
                    "deprivations", "not-blank");
        }

        @Test
        void refusesACommuneCodeThatIsNotFiveDigits() {
            assertValidationFailure(() -> new CommuneCode("2609"), "communeCode", "pattern:[0-9]{5}");
            assertValidationFailure(() -> new CommuneCode("2609A"), "communeCode", "pattern:[0-9]{5}");
        }

        @Test
        void refusesAHouseholdWithoutMembers() {
            assertValidationFailure(() -> new RegisterHouseholdCommand(HOUSEHOLD, COMMUNE, VILLAGE, Area.RURAL,
                    "Sung A Pao", "H'Mong", true, 0), "members", "min:1");
        }

        @Test
        void refusesADetailsUpdateWithoutReason() {
            assertValidationFailure(() -> new UpdateHouseholdDetailsCommand(HOUSEHOLD, COMMUNE, VILLAGE, 4,
                    LocalDate.of(2023, 3, 1), ""), "reason", "not-blank");
        }

        private void assertValidationFailure(org.assertj.core.api.ThrowableAssert.ThrowingCallable construction,
                                             String field, String rule) {
            assertThatThrownBy(construction).isInstanceOfSatisfying(ValidationException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.rule()).isEqualTo(rule);
            });
        }
    }

    @Nested
    class DetailsUpdate {

        @Test
        void updatesVillageAndMembers() {
            UpdateHouseholdDetailsCommand update = new UpdateHouseholdDetailsCommand(HOUSEHOLD, COMMUNE, "Thon Na Lay",
                    6, LocalDate.of(2023, 3, 1), "household moved and a child was born");

            fixture.given(registered())
                    .when(update)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new HouseholdDetailsUpdatedEvent(HOUSEHOLD, COMMUNE, "Thon Na Lay", 6,
                            LocalDate.of(2023, 3, 1), "household moved and a child was born"));
        }

        @Test
        void refusesAnUpdateThatChangesNothing() {
            fixture.given(registered())
                    .when(new UpdateHouseholdDetailsCommand(HOUSEHOLD, COMMUNE, VILLAGE, MEMBERS,
                            LocalDate.of(2023, 3, 1), "re-entered"))
                    .expectException(refusal(ErrorCode.VALIDATION_FAILED, null, "changes-something"))
                    .expectNoEvents();
        }
    }

    // ----------------------------------------------------------------------------------------------
    // commands, events and matchers

    private static RegisterHouseholdCommand register() {
        return new RegisterHouseholdCommand(HOUSEHOLD, COMMUNE, VILLAGE, Area.RURAL, "Sung A Pao", "H'Mong", true,
                MEMBERS);
    }

    private static HouseholdRegisteredEvent registered() {
        return new HouseholdRegisteredEvent(HOUSEHOLD, COMMUNE, VILLAGE, Area.RURAL, "Sung A Pao", "H'Mong", true,
                MEMBERS);
    }

    private static LocalDate reviewEffectiveDate(int reviewYear) {
        return LocalDate.of(reviewYear, 12, 15);
    }

    private static AssessmentFindings findings(long income, Livelihood livelihood, String... deprivations) {
        return new AssessmentFindings(new Vnd(income), livelihood, Set.of(deprivations));
    }

    private static RecordAssessmentCommand periodic(int reviewYear, long income, String... deprivations) {
        return assessment(reviewYear, PERIODIC, reviewEffectiveDate(reviewYear), income, Livelihood.OTHER,
                deprivations);
    }

    private static RecordAssessmentCommand assessment(int reviewYear, ReviewKind kind, LocalDate effectiveDate,
                                                      long income, Livelihood livelihood, String... deprivations) {
        return new RecordAssessmentCommand(HOUSEHOLD, new ReviewYear(reviewYear), kind, effectiveDate.minusMonths(2),
                findings(income, livelihood, deprivations), "QD-" + reviewYear + "/UBND", effectiveDate);
    }

    private static CorrectAssessmentCommand correction(String correctsEventId, long income, Livelihood livelihood,
                                                       String... deprivations) {
        return new CorrectAssessmentCommand(HOUSEHOLD, correctsEventId, LocalDate.of(2022, 1, 10),
                findings(income, livelihood, deprivations), "QD-DC-2022/UBND", LocalDate.of(2022, 1, 20),
                "survey misread the household's income");
    }

    private static AssessmentRecordedEvent recorded(RecordAssessmentCommand command, PovertyStatus status,
                                                    String rulebookId) {
        AssessmentFindings findings = command.findings();
        return new AssessmentRecordedEvent(HOUSEHOLD, command.reviewYear().value(), command.reviewKind(),
                command.surveyDate(), Area.RURAL, findings.incomePerCapitaMonthly().value(), findings.livelihood(),
                new TreeSet<>(findings.deprivations()), command.decisionRef(), command.effectiveDate(), rulebookId, 1,
                findings.deprivations().size(), status);
    }

    private static AssessmentCorrectedEvent corrected(CorrectAssessmentCommand command, String assessmentId,
                                                      int reviewYear, ReviewKind kind, PovertyStatus previousStatus,
                                                      PovertyStatus status, String rulebookId) {
        AssessmentFindings findings = command.findings();
        return new AssessmentCorrectedEvent(HOUSEHOLD, command.correctsEventId(), assessmentId, reviewYear, kind,
                command.surveyDate(), Area.RURAL, findings.incomePerCapitaMonthly().value(), findings.livelihood(),
                new TreeSet<>(findings.deprivations()), command.decisionRef(), command.effectiveDate(), rulebookId, 1,
                findings.deprivations().size(), previousStatus, status, command.reason());
    }

    private static HouseholdStatusChangedEvent statusChanged(PovertyStatus previous, PovertyStatus next,
                                                             StatusTransition transition, String assessmentId,
                                                             RecordAssessmentCommand cause) {
        return new HouseholdStatusChangedEvent(HOUSEHOLD, previous, next, transition, assessmentId,
                cause.reviewYear().value(), cause.effectiveDate());
    }

    /** The event id of the (single) assessment recorded so far for that year and kind. */
    private String recordedEventId(int reviewYear, ReviewKind kind) {
        List<? extends DomainEventMessage<?>> matching = events().stream()
                .filter(e -> e.getPayload() instanceof AssessmentRecordedEvent recorded
                        && recorded.reviewYear() == reviewYear && recorded.reviewKind() == kind)
                .toList();
        assertThat(matching).as("assessments recorded for %s %s", kind, reviewYear).hasSize(1);
        return matching.get(0).getIdentifier();
    }

    /** The event id of the single event of that type stored so far. */
    private String onlyEventId(Class<?> payloadType) {
        List<? extends DomainEventMessage<?>> matching = events().stream()
                .filter(e -> payloadType.isInstance(e.getPayload()))
                .toList();
        assertThat(matching).as("stored %s events", payloadType.getSimpleName()).hasSize(1);
        return matching.get(0).getIdentifier();
    }

    private List<? extends DomainEventMessage<?>> events() {
        return fixture.getEventStore().readEvents(HOUSEHOLD.value()).asStream().toList();
    }

    private static Matcher<DomainException> refusal(ErrorCode code, String field, String rule) {
        return refusal(code, field, rule, Map.of());
    }

    private static Matcher<DomainException> refusal(ErrorCode code, String field, String rule, String detailKey,
                                                    Object detailValue) {
        return refusal(code, field, rule, Map.of(detailKey, detailValue));
    }

    /** A refusal with that code, field and rule, whose details contain the given entries. */
    private static Matcher<DomainException> refusal(ErrorCode code, String field, String rule,
                                                    Map<String, Object> details) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code() == code && Objects.equals(e.field(), field) && Objects.equals(e.rule(), rule)
                        && e.details().entrySet().containsAll(details.entrySet());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("DomainException ").appendValue(code).appendText(" on field ")
                        .appendValue(field).appendText(" breaking rule ").appendValue(rule)
                        .appendText(" with details including ").appendValue(details);
            }

            @Override
            protected void describeMismatchSafely(DomainException e, Description description) {
                description.appendText("was ").appendValue(e.code()).appendText(" on field ").appendValue(e.field())
                        .appendText(" breaking rule ").appendValue(e.rule()).appendText(" with details ")
                        .appendValue(e.details()).appendText(": ").appendText(e.getMessage());
            }
        };
    }
}
