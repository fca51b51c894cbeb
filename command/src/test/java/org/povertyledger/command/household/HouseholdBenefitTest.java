package org.povertyledger.command.household;

import org.povertyledger.command.review.ReviewPeriodLookup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyledger.command.programme.Refusals.refusal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyledger.command.programme.AllocationLookup;
import org.povertyledger.command.programme.AllocationTerms;
import org.povertyledger.shared.benefit.command.BenefitOutcome;
import org.povertyledger.shared.benefit.command.RecordBenefitCommand;
import org.povertyledger.shared.benefit.event.BenefitRecordedEvent;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.HousingSupportKind;
import org.povertyledger.shared.benefit.value.TargetGroup;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.povertyledger.shared.rulebook.Decree07Rulebook;
import org.povertyledger.shared.rulebook.RulebookRegistry;

/** Benefits recorded on the household, each admitted or refused by the eligibility rule of its kind. */
class HouseholdBenefitTest {

    private static final HouseholdId HOUSEHOLD = new HouseholdId("HH-26-010");
    private static final ProgrammeCode NTP = new ProgrammeCode("NTP-SPR-2021-2025");
    private static final SubProjectCode P5 = new SubProjectCode("P5");
    private static final AllocationId P5_ALLOCATION = new AllocationId("AL-P5-2024");

    private FixtureConfiguration<Household> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Household.class);
        fixture.registerInjectableResource(RulebookRegistry.national());
        fixture.registerInjectableResource((ReviewPeriodLookup) (commune, year) -> ReviewPeriodLookup.PeriodStatus.OPEN);
        fixture.registerInjectableResource((AllocationLookup) id -> id.equals(P5_ALLOCATION)
                ? Optional.of(new AllocationTerms(P5_ALLOCATION, NTP, P5)) : Optional.empty());
    }

    @Test
    void recordsHousingSupportForAPoorHouseholdWithTheDefaultAmountAndTheAllocationThatPaid() {
        RecordBenefitCommand housing = housing(LocalDate.of(2024, 5, 1), null, P5_ALLOCATION);
        fixture.given(registered(), assessed(PovertyStatus.POOR, LocalDate.of(2023, 12, 15)))
                .when(housing)
                .expectEvents(new BenefitRecordedEvent(HOUSEHOLD, BenefitKind.HOUSING_SUPPORT,
                        LocalDate.of(2024, 5, 1), null, new Vnd(40_000_000), null, null, null, HousingSupportKind.NEW,
                        null, null, NTP, P5, P5_ALLOCATION, PovertyStatus.POOR, TargetGroup.POOR,
                        "housing-support:poor-or-near-poor"))
                .expectResultMessagePayload(new BenefitOutcome(BenefitKind.HOUSING_SUPPORT, PovertyStatus.POOR,
                        TargetGroup.POOR, "housing-support:poor-or-near-poor"));
    }

    @Test
    void refusesHousingSupportForAHouseholdNotPoorOrNearPoorOnTheBenefitDateNamingTheRule() {
        // Poor from December 2022, not poor from December 2023: a May 2024 benefit finds it above the line.
        fixture.given(registered(), assessed(PovertyStatus.POOR, LocalDate.of(2022, 12, 15)),
                        assessed(PovertyStatus.NOT_POOR, LocalDate.of(2023, 12, 15)))
                .when(housing(LocalDate.of(2024, 5, 1), null, null))
                .expectException(refusal(ErrorCode.BENEFIT_NOT_ELIGIBLE, "kind", "housing-support:poor-or-near-poor",
                        Map.of("statusOnDate", "NOT_POOR", "targetGroup", "NEWLY_ESCAPED",
                                "eligibleGroups", List.of("NEAR_POOR", "POOR"))))
                .expectNoEvents();
    }

    @Test
    void decidesEligibilityOnTheBenefitDateNotOnTheCurrentStatus() {
        // Currently not poor, but poor on the benefit date.
        fixture.given(registered(), assessed(PovertyStatus.POOR, LocalDate.of(2022, 12, 15)),
                        assessed(PovertyStatus.NOT_POOR, LocalDate.of(2023, 12, 15)))
                .when(housing(LocalDate.of(2023, 6, 1), 35_000_000L, null))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new BenefitOutcome(BenefitKind.HOUSING_SUPPORT, PovertyStatus.POOR,
                        TargetGroup.POOR, "housing-support:poor-or-near-poor"));
    }

    @Test
    void refusesABenefitForAnUnassessedHousehold() {
        fixture.given(registered())
                .when(loan(LocalDate.of(2024, 3, 1)))
                .expectException(refusal(ErrorCode.BENEFIT_NOT_ELIGIBLE, "kind",
                        "preferential-loan:poor-near-poor-or-newly-escaped", Map.of("targetGroup", "UNASSESSED")))
                .expectNoEvents();
    }

    @Test
    void grantsAPreferentialLoanToANewlyEscapedHouseholdWithinThreeYears() {
        fixture.given(registered(), assessed(PovertyStatus.NEAR_POOR, LocalDate.of(2021, 12, 15)),
                        assessed(PovertyStatus.NOT_POOR, LocalDate.of(2022, 12, 15)))
                .when(loan(LocalDate.of(2025, 12, 14)))
                .expectResultMessagePayload(new BenefitOutcome(BenefitKind.PREFERENTIAL_LOAN, PovertyStatus.NOT_POOR,
                        TargetGroup.NEWLY_ESCAPED, "preferential-loan:poor-near-poor-or-newly-escaped"));
    }

    @Test
    void refusesAPreferentialLoanThreeYearsAfterEscaping() {
        fixture.given(registered(), assessed(PovertyStatus.NEAR_POOR, LocalDate.of(2021, 12, 15)),
                        assessed(PovertyStatus.NOT_POOR, LocalDate.of(2022, 12, 15)))
                .when(loan(LocalDate.of(2025, 12, 15)))
                .expectException(refusal(ErrorCode.BENEFIT_NOT_ELIGIBLE, "kind",
                        "preferential-loan:poor-near-poor-or-newly-escaped", Map.of("targetGroup", "OTHER")))
                .expectNoEvents();
    }

    @Test
    void refusesASecondHealthInsuranceCardForTheSameYear() {
        RecordBenefitCommand card = card(LocalDate.of(2024, 1, 5), 2024);
        fixture.given(registered(), assessed(PovertyStatus.POOR, LocalDate.of(2023, 12, 15)))
                .andGivenCommands(card)
                .when(card(LocalDate.of(2024, 2, 5), 2024))
                .expectException(refusal(ErrorCode.BENEFIT_ALREADY_RECORDED, "coverageYear", "one-card-per-year"))
                .expectNoEvents();
    }

    @Test
    void refusesASecondHousingSupport() {
        fixture.given(registered(), assessed(PovertyStatus.POOR, LocalDate.of(2023, 12, 15)))
                .andGivenCommands(housing(LocalDate.of(2024, 5, 1), null, null))
                .when(housing(LocalDate.of(2024, 9, 1), null, null))
                .expectException(refusal(ErrorCode.BENEFIT_ALREADY_RECORDED, "kind", "one-housing-support"))
                .expectNoEvents();
    }

    @Test
    void refusesALinkToAnUnknownAllocation() {
        fixture.given(registered(), assessed(PovertyStatus.POOR, LocalDate.of(2023, 12, 15)))
                .when(housing(LocalDate.of(2024, 5, 1), null, new AllocationId("AL-404")))
                .expectException(refusal(ErrorCode.ALLOCATION_NOT_FOUND, "allocationId", "exists"))
                .expectNoEvents();
    }

    @Test
    void refusesALinkToAnAllocationOfAnotherSubProject() {
        RecordBenefitCommand training = new RecordBenefitCommand(HOUSEHOLD, BenefitKind.VOCATIONAL_TRAINING,
                LocalDate.of(2024, 5, 1), null, null, null, "Motorbike repair", true, null, null, null,
                new SubProjectCode("P4.SP1"), P5_ALLOCATION);
        fixture.given(registered(), assessed(PovertyStatus.POOR, LocalDate.of(2023, 12, 15)))
                .when(training)
                .expectException(refusal(ErrorCode.FUNDING_LINK_MISMATCH, "subProjectCode",
                        "allocation-of-sub-project", Map.of("allocationSubProjectCode", "P5")))
                .expectNoEvents();
    }

    @Test
    void refusesABenefitForAnUnregisteredHousehold() {
        fixture.givenNoPriorActivity()
                .when(loan(LocalDate.of(2024, 3, 1)))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void refusesFieldsThatDoNotApplyToTheKindAndRequiresThoseThatDo() {
        assertThatThrownBy(() -> new RecordBenefitCommand(HOUSEHOLD, BenefitKind.HEALTH_INSURANCE_CARD,
                LocalDate.of(2024, 1, 5), 2024, null, "VBSP", null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("lender");
                    assertThat(e.rule()).isEqualTo("not-applicable:HEALTH_INSURANCE_CARD");
                });
        assertThatThrownBy(() -> new RecordBenefitCommand(HOUSEHOLD, BenefitKind.PREFERENTIAL_LOAN,
                LocalDate.of(2024, 1, 5), null, null, "VBSP", null, null, null, null, null, null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
        assertThatThrownBy(() -> new RecordBenefitCommand(HOUSEHOLD, BenefitKind.HOUSING_SUPPORT,
                LocalDate.of(2024, 1, 5), null, new Vnd(0), null, null, null, HousingSupportKind.REPAIR, null, null,
                null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule()).isEqualTo("positive"));
        assertThat(new RecordBenefitCommand(HOUSEHOLD, BenefitKind.HOUSING_SUPPORT, LocalDate.of(2024, 1, 5), null,
                null, null, null, null, HousingSupportKind.REPAIR, null, null, null, null).amount())
                .isEqualTo(new Vnd(20_000_000));
        assertThat(card(LocalDate.of(2024, 1, 5), null).coverageYear()).isEqualTo(2024);
    }

    private static HouseholdRegisteredEvent registered() {
        return new HouseholdRegisteredEvent(HOUSEHOLD, new CommuneCode("24541"), "Buon Jun", Area.RURAL, "Y Thi Mlo",
                "M'nong", true, 5);
    }

    private static AssessmentRecordedEvent assessed(PovertyStatus status, LocalDate effectiveDate) {
        int year = effectiveDate.getYear();
        return new AssessmentRecordedEvent(HOUSEHOLD, year, ReviewKind.PERIODIC, effectiveDate.minusMonths(2),
                Area.RURAL, 1_000_000, Livelihood.OTHER, new TreeSet<>(Set.of("EMPLOYMENT")),
                "QD-" + year, effectiveDate, Decree07Rulebook.ID, 1, 3, status);
    }

    private static RecordBenefitCommand housing(LocalDate date, Long amount, AllocationId allocation) {
        return new RecordBenefitCommand(HOUSEHOLD, BenefitKind.HOUSING_SUPPORT, date, null,
                amount == null ? null : new Vnd(amount), null, null, null, HousingSupportKind.NEW, null, null, null,
                allocation);
    }

    private static RecordBenefitCommand loan(LocalDate date) {
        return new RecordBenefitCommand(HOUSEHOLD, BenefitKind.PREFERENTIAL_LOAN, date, null, new Vnd(50_000_000),
                "Vietnam Bank for Social Policies", null, null, null, null, null, null, null);
    }

    private static RecordBenefitCommand card(LocalDate date, Integer year) {
        return new RecordBenefitCommand(HOUSEHOLD, BenefitKind.HEALTH_INSURANCE_CARD, date, year, null, null, null,
                null, null, null, null, null, null);
    }
}
