package org.povertyledger.command.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyledger.command.programme.Refusals.refusal;

import java.time.LocalDate;
import java.util.Map;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.programme.command.AdjustAllocationCommand;
import org.povertyledger.shared.programme.command.AllocateFundsCommand;
import org.povertyledger.shared.programme.command.AllocationBalance;
import org.povertyledger.shared.programme.command.CloseAllocationCommand;
import org.povertyledger.shared.programme.command.DisburseFundsCommand;
import org.povertyledger.shared.programme.event.AllocationAdjustedEvent;
import org.povertyledger.shared.programme.event.AllocationClosedEvent;
import org.povertyledger.shared.programme.event.FundsAllocatedEvent;
import org.povertyledger.shared.programme.event.FundsDisbursedEvent;
import org.povertyledger.shared.programme.value.AdjustmentDirection;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.FiscalYear;
import org.povertyledger.shared.programme.value.FundingSource;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.povertyledger.shared.programme.value.UnitCode;

class AllocationTest {

    private static final AllocationId ID = new AllocationId("AL-2024-P5-001");
    private static final ProgrammeCode PROGRAMME = new ProgrammeCode("NTP-SPR-2021-2025");
    private static final SubProjectCode P5 = new SubProjectCode("P5");
    private static final UnitCode LAK = new UnitCode("24541");
    private static final LocalDate ALLOCATED_ON = LocalDate.of(2024, 1, 15);
    private static final long HUNDRED = 100_000_000L;

    private FixtureConfiguration<Allocation> fixture;

    /** The programme has P5 and runs 2021-2025; any other sub-project is unknown. */
    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Allocation.class);
        fixture.registerInjectableResource((SubProjectLookup) (programme, subProject) -> {
            if (!subProject.equals(P5)) {
                throw new DomainException(ErrorCode.SUB_PROJECT_NOT_FOUND, "subProjectCode", "exists",
                        "no " + subProject.value());
            }
            return new SubProjectTerms(programme, new ProjectCode("P5"), subProject, 2021, 2025);
        });
    }

    @Nested
    class Allocating {

        @Test
        void allocatesFundsOfAYearAndSourceToARegisteredSubProject() {
            fixture.givenNoPriorActivity()
                    .when(allocate(2024, HUNDRED))
                    .expectEvents(allocated(HUNDRED))
                    .expectResultMessagePayload(new AllocationBalance(ID.value(), HUNDRED, 0, HUNDRED, false));
        }

        @Test
        void refusesASecondAllocationUnderTheSameId() {
            fixture.given(allocated(HUNDRED))
                    .when(allocate(2024, HUNDRED))
                    .expectException(refusal(ErrorCode.ALLOCATION_ALREADY_EXISTS, "allocationId", "unique"))
                    .expectNoEvents();
        }

        @Test
        void refusesAFiscalYearOutsideTheProgrammePeriod() {
            fixture.givenNoPriorActivity()
                    .when(allocate(2026, HUNDRED))
                    .expectException(refusal(ErrorCode.OUTSIDE_PROGRAMME_PERIOD, "fiscalYear",
                            "within-programme-period:2021-2025", Map.of("firstYear", 2021, "lastYear", 2025)))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownSubProject() {
            fixture.givenNoPriorActivity()
                    .when(new AllocateFundsCommand(ID, PROGRAMME, new SubProjectCode("P4.SP9"), new FiscalYear(2024),
                            FundingSource.CENTRAL_BUDGET, new Vnd(HUNDRED), LAK, "QD-1/UBND", ALLOCATED_ON))
                    .expectException(refusal(ErrorCode.SUB_PROJECT_NOT_FOUND, "subProjectCode", "exists"))
                    .expectNoEvents();
        }

        @Test
        void refusesAZeroAmountNamingTheRule() {
            assertThatThrownBy(() -> allocate(2024, 0))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("amount");
                        assertThat(e.rule()).isEqualTo("positive");
                    });
        }
    }

    @Nested
    class Disbursing {

        @Test
        void disbursesWithinTheAllocationAndRecordsTheRunningTotal() {
            fixture.given(allocated(HUNDRED), disbursed(40_000_000, ALLOCATED_ON.plusDays(10), HUNDRED, 40_000_000))
                    .when(disburse(60_000_000, ALLOCATED_ON.plusDays(20)))
                    .expectEvents(disbursed(60_000_000, ALLOCATED_ON.plusDays(20), HUNDRED, HUNDRED))
                    .expectResultMessagePayload(new AllocationBalance(ID.value(), HUNDRED, HUNDRED, 0, false));
        }

        @Test
        void refusesADisbursementAboveWhatRemainsNamingTheFigures() {
            fixture.given(allocated(HUNDRED), disbursed(90_000_000, ALLOCATED_ON.plusDays(10), HUNDRED, 90_000_000))
                    .when(disburse(15_000_000, ALLOCATED_ON.plusDays(20)))
                    .expectException(refusal(ErrorCode.DISBURSEMENT_EXCEEDS_ALLOCATION, "amount",
                            "disbursed-not-above-allocated", Map.of("allocated", HUNDRED, "disbursed", 90_000_000L,
                                    "requested", 15_000_000L, "available", 10_000_000L)))
                    .expectNoEvents();
        }

        @Test
        void refusesABackDatedDisbursementThatExceedsWhatWasAllocatedOnItsDate() {
            // 100 allocated in January, 90 disbursed in February, raised to 150 from July: a March disbursement of
            // 20 fits the current totals (150 against 110) but would put 110 disbursed against 100 allocated from
            // March to June.
            fixture.given(allocated(HUNDRED),
                            disbursed(90_000_000, LocalDate.of(2024, 2, 1), HUNDRED, 90_000_000),
                            adjusted(AdjustmentDirection.INCREASE, 50_000_000, HUNDRED, 150_000_000,
                                    LocalDate.of(2024, 7, 1)))
                    .when(disburse(20_000_000, LocalDate.of(2024, 3, 1)))
                    .expectException(refusal(ErrorCode.DISBURSEMENT_EXCEEDS_ALLOCATION, "amount",
                            "disbursed-not-above-allocated", Map.of("allocated", HUNDRED, "disbursed", 90_000_000L,
                                    "requested", 20_000_000L, "available", 10_000_000L, "onDate", "2024-03-01")))
                    .expectNoEvents();
        }

        @Test
        void acceptsTheSameDisbursementDatedAfterTheIncrease() {
            fixture.given(allocated(HUNDRED),
                            disbursed(90_000_000, LocalDate.of(2024, 2, 1), HUNDRED, 90_000_000),
                            adjusted(AdjustmentDirection.INCREASE, 50_000_000, HUNDRED, 150_000_000,
                                    LocalDate.of(2024, 7, 1)))
                    .when(disburse(20_000_000, LocalDate.of(2024, 7, 1)))
                    .expectEvents(disbursed(20_000_000, LocalDate.of(2024, 7, 1), 150_000_000, 110_000_000));
        }

        @Test
        void refusesADisbursementDatedBeforeTheAllocation() {
            fixture.given(allocated(HUNDRED))
                    .when(disburse(1_000_000, ALLOCATED_ON.minusDays(1)))
                    .expectException(refusal(ErrorCode.DATE_OUT_OF_SEQUENCE, "disbursementDate",
                            "not-before-allocation"))
                    .expectNoEvents();
        }

        @Test
        void refusesADisbursementFromAClosedAllocation() {
            fixture.given(allocated(HUNDRED), closed(HUNDRED, 0))
                    .when(disburse(1_000_000, ALLOCATED_ON.plusDays(1)))
                    .expectException(refusal(ErrorCode.ALLOCATION_CLOSED, "allocationId", "open"))
                    .expectNoEvents();
        }

        @Test
        void refusesADisbursementFromAnAllocationThatWasNeverMade() {
            fixture.givenNoPriorActivity()
                    .when(disburse(1_000_000, ALLOCATED_ON))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void refusesANonPositiveDisbursementNamingTheRule() {
            assertThatThrownBy(() -> new DisburseFundsCommand(ID, new Vnd(0), ALLOCATED_ON, "houses", "commune", null))
                    .isInstanceOfSatisfying(ValidationException.class, e ->
                            assertThat(e.rule()).isEqualTo("positive"));
        }
    }

    @Nested
    class Adjusting {

        @Test
        void raisesTheAllocation() {
            fixture.given(allocated(HUNDRED))
                    .when(adjust(AdjustmentDirection.INCREASE, 20_000_000, ALLOCATED_ON.plusMonths(3)))
                    .expectEvents(adjusted(AdjustmentDirection.INCREASE, 20_000_000, HUNDRED, 120_000_000,
                            ALLOCATED_ON.plusMonths(3)));
        }

        @Test
        void lowersTheAllocationDownToExactlyWhatWasDisbursed() {
            fixture.given(allocated(HUNDRED), disbursed(70_000_000, ALLOCATED_ON.plusDays(5), HUNDRED, 70_000_000))
                    .when(adjust(AdjustmentDirection.DECREASE, 30_000_000, ALLOCATED_ON.plusMonths(1)))
                    .expectEvents(adjusted(AdjustmentDirection.DECREASE, 30_000_000, HUNDRED, 70_000_000,
                            ALLOCATED_ON.plusMonths(1)))
                    .expectResultMessagePayload(new AllocationBalance(ID.value(), 70_000_000, 70_000_000, 0, false));
        }

        @Test
        void refusesToLowerTheAllocationBelowWhatWasDisbursed() {
            fixture.given(allocated(HUNDRED), disbursed(70_000_000, ALLOCATED_ON.plusDays(5), HUNDRED, 70_000_000))
                    .when(adjust(AdjustmentDirection.DECREASE, 40_000_000, ALLOCATED_ON.plusMonths(1)))
                    .expectException(refusal(ErrorCode.ALLOCATION_BELOW_DISBURSED, "amount",
                            "allocated-not-below-disbursed", Map.of("allocated", HUNDRED, "disbursed", 70_000_000L,
                                    "requested", 40_000_000L)))
                    .expectNoEvents();
        }

        @Test
        void refusesADecreaseDatedBeforeALaterDisbursementItWouldUncover() {
            // The decrease takes effect in February; the June disbursement of 80 would then exceed 70 allocated.
            fixture.given(allocated(HUNDRED), disbursed(80_000_000, LocalDate.of(2024, 6, 1), HUNDRED, 80_000_000))
                    .when(adjust(AdjustmentDirection.DECREASE, 30_000_000, LocalDate.of(2024, 2, 1)))
                    .expectException(refusal(ErrorCode.ALLOCATION_BELOW_DISBURSED, "amount",
                            "allocated-not-below-disbursed", Map.of("onDate", "2024-06-01")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnAdjustmentDatedBeforeTheAllocation() {
            fixture.given(allocated(HUNDRED))
                    .when(adjust(AdjustmentDirection.INCREASE, 1_000_000, ALLOCATED_ON.minusDays(1)))
                    .expectException(refusal(ErrorCode.DATE_OUT_OF_SEQUENCE, "effectiveDate", "not-before-allocation"))
                    .expectNoEvents();
        }

        @Test
        void refusesToAdjustAClosedAllocation() {
            fixture.given(allocated(HUNDRED), closed(HUNDRED, 0))
                    .when(adjust(AdjustmentDirection.INCREASE, 1_000_000, ALLOCATED_ON.plusDays(1)))
                    .expectException(refusal(ErrorCode.ALLOCATION_CLOSED, "allocationId", "open"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnAdjustmentWithoutAReason() {
            assertThatThrownBy(() -> new AdjustAllocationCommand(ID, AdjustmentDirection.INCREASE, new Vnd(1),
                    "QD-2/UBND", ALLOCATED_ON, " "))
                    .isInstanceOfSatisfying(ValidationException.class, e ->
                            assertThat(e.field()).isEqualTo("reason"));
        }
    }

    @Nested
    class Closing {

        @Test
        void closesWithWhatWasNotDisbursedLapsing() {
            fixture.given(allocated(HUNDRED), disbursed(70_000_000, ALLOCATED_ON.plusDays(5), HUNDRED, 70_000_000))
                    .when(new CloseAllocationCommand(ID, LocalDate.of(2024, 12, 31), "fiscal year ended", null))
                    .expectEvents(new AllocationClosedEvent(ID, LocalDate.of(2024, 12, 31), new Vnd(HUNDRED),
                            new Vnd(70_000_000), new Vnd(30_000_000), "fiscal year ended", null))
                    .expectResultMessagePayload(new AllocationBalance(ID.value(), HUNDRED, 70_000_000, 30_000_000,
                            true));
        }

        @Test
        void refusesToCloseTwice() {
            fixture.given(allocated(HUNDRED), closed(HUNDRED, 0))
                    .when(new CloseAllocationCommand(ID, LocalDate.of(2024, 12, 31), "again", null))
                    .expectException(refusal(ErrorCode.ALLOCATION_CLOSED, "allocationId", "open"))
                    .expectNoEvents();
        }

        @Test
        void refusesAClosingDateBeforeTheLastDisbursement() {
            fixture.given(allocated(HUNDRED), disbursed(10_000_000, LocalDate.of(2024, 9, 1), HUNDRED, 10_000_000))
                    .when(new CloseAllocationCommand(ID, LocalDate.of(2024, 8, 31), "early", null))
                    .expectException(refusal(ErrorCode.DATE_OUT_OF_SEQUENCE, "closingDate", "not-before-last-change"))
                    .expectNoEvents();
        }
    }

    private static AllocateFundsCommand allocate(int year, long amount) {
        return new AllocateFundsCommand(ID, PROGRAMME, P5, new FiscalYear(year), FundingSource.CENTRAL_BUDGET,
                Vnd.of("amount", amount), LAK, "QD-1/UBND", ALLOCATED_ON);
    }

    private static FundsAllocatedEvent allocated(long amount) {
        return new FundsAllocatedEvent(ID, PROGRAMME, new ProjectCode("P5"), P5, new FiscalYear(2024),
                FundingSource.CENTRAL_BUDGET, new Vnd(amount), LAK, "QD-1/UBND", ALLOCATED_ON);
    }

    private static DisburseFundsCommand disburse(long amount, LocalDate date) {
        return new DisburseFundsCommand(ID, new Vnd(amount), date, "house construction", "Commune 24541", "PC-7");
    }

    private static FundsDisbursedEvent disbursed(long amount, LocalDate date, long allocated, long disbursedAfter) {
        return new FundsDisbursedEvent(ID, new Vnd(amount), date, "house construction", "Commune 24541", "PC-7",
                new Vnd(allocated), new Vnd(disbursedAfter));
    }

    private static AdjustAllocationCommand adjust(AdjustmentDirection direction, long amount, LocalDate date) {
        return new AdjustAllocationCommand(ID, direction, new Vnd(amount), "QD-2/UBND", date, "mid-year review");
    }

    private static AllocationAdjustedEvent adjusted(AdjustmentDirection direction, long amount, long before,
                                                    long after, LocalDate date) {
        return new AllocationAdjustedEvent(ID, direction, new Vnd(amount), new Vnd(before), new Vnd(after),
                "QD-2/UBND", date, "mid-year review");
    }

    private static AllocationClosedEvent closed(long allocated, long disbursed) {
        return new AllocationClosedEvent(ID, ALLOCATED_ON.plusDays(1), new Vnd(allocated), new Vnd(disbursed),
                new Vnd(allocated - disbursed), "closed", null);
    }
}
