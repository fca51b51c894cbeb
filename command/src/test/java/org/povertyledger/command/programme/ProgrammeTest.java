package org.povertyledger.command.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyledger.command.programme.Refusals.refusal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.command.PlanOutputCommand;
import org.povertyledger.shared.programme.command.ReassignManagingAgencyCommand;
import org.povertyledger.shared.programme.command.RecordOutputCommand;
import org.povertyledger.shared.programme.command.RegisterProgrammeCommand;
import org.povertyledger.shared.programme.command.RegisterProjectCommand;
import org.povertyledger.shared.programme.command.RegisterSubProjectCommand;
import org.povertyledger.shared.programme.event.ManagingAgencyReassignedEvent;
import org.povertyledger.shared.programme.event.OutputPlannedEvent;
import org.povertyledger.shared.programme.event.OutputRecordedEvent;
import org.povertyledger.shared.programme.event.ProgrammeRegisteredEvent;
import org.povertyledger.shared.programme.event.ProjectRegisteredEvent;
import org.povertyledger.shared.programme.event.SubProjectRegisteredEvent;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.OutputCode;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

class ProgrammeTest {

    private static final ProgrammeCode NTP = new ProgrammeCode("NTP-SPR-2021-2025");
    private static final ProjectCode P4 = new ProjectCode("P4");
    private static final SubProjectCode P4_SP2 = new SubProjectCode("P4.SP2");
    private static final LocalDate DECISION_90 = LocalDate.of(2022, 1, 18);
    private static final String MOLISA = "Ministry of Labour, Invalids and Social Affairs";
    private static final String MOHA = "Ministry of Home Affairs";
    private static final CommuneCode COMMUNE = new CommuneCode("24541");
    private static final HouseholdId REGISTERED = new HouseholdId("HH-1");
    private static final AllocationId ALLOCATION = new AllocationId("AL-1");

    private FixtureConfiguration<Programme> fixture;

    /** HH-1 is registered; AL-1 funds P4.SP2. */
    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Programme.class);
        fixture.registerInjectableResource((HouseholdLookup) REGISTERED::equals);
        fixture.registerInjectableResource((AllocationLookup) id -> id.equals(ALLOCATION)
                ? Optional.of(new AllocationTerms(ALLOCATION, NTP, P4_SP2)) : Optional.empty());
    }

    @Nested
    class Structure {

        @Test
        void registersAProgrammeWithItsPeriod() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProgrammeCommand(NTP, "NTP SPR", 2021, 2025, "90/QD-TTg", DECISION_90))
                    .expectEvents(programmeRegistered());
        }

        @Test
        void refusesToRegisterTheProgrammeTwice() {
            fixture.given(programmeRegistered())
                    .when(new RegisterProgrammeCommand(NTP, "NTP SPR", 2021, 2025, "90/QD-TTg", DECISION_90))
                    .expectException(refusal(ErrorCode.PROGRAMME_ALREADY_REGISTERED, "programmeCode", "unique"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPeriodThatEndsBeforeItStarts() {
            assertThatThrownBy(() -> new RegisterProgrammeCommand(NTP, "x", 2025, 2021, "90/QD-TTg", DECISION_90))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.rule()).isEqualTo("not-before:firstYear"));
        }

        @Test
        void refusesProjectsOfAProgrammeThatWasNeverRegistered() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProjectCommand(NTP, P4, "Vocational education"))
                    .expectException(AggregateNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void registersAProjectAndASubProjectUnderIt() {
            fixture.given(programmeRegistered(), projectRegistered())
                    .when(new RegisterSubProjectCommand(NTP, P4_SP2, "Work abroad", MOLISA, DECISION_90))
                    .expectEvents(subProjectRegistered());
        }

        @Test
        void refusesToRegisterAProjectTwice() {
            fixture.given(programmeRegistered(), projectRegistered())
                    .when(new RegisterProjectCommand(NTP, P4, "Vocational education"))
                    .expectException(refusal(ErrorCode.PROJECT_ALREADY_REGISTERED, "projectCode", "unique"))
                    .expectNoEvents();
        }

        @Test
        void refusesASubProjectOfAnUnregisteredProject() {
            fixture.given(programmeRegistered())
                    .when(new RegisterSubProjectCommand(NTP, P4_SP2, "Work abroad", MOLISA, DECISION_90))
                    .expectException(refusal(ErrorCode.PROJECT_NOT_FOUND, "subProjectCode", "project-registered",
                            Map.of("projectCode", "P4")))
                    .expectNoEvents();
        }

        @Test
        void refusesToRegisterASubProjectTwice() {
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered())
                    .when(new RegisterSubProjectCommand(NTP, P4_SP2, "Work abroad", MOLISA, DECISION_90))
                    .expectException(refusal(ErrorCode.SUB_PROJECT_ALREADY_REGISTERED, "subProjectCode", "unique"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ManagingAgency {

        @Test
        void reassignsASubProjectToAnotherAgencyFromADate() {
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered())
                    .when(new ReassignManagingAgencyCommand(NTP, P4_SP2, MOHA, LocalDate.of(2025, 3, 1),
                            "176/2025/QH15"))
                    .expectEvents(new ManagingAgencyReassignedEvent(NTP, P4_SP2, MOLISA, MOHA,
                            LocalDate.of(2025, 3, 1), "176/2025/QH15"));
        }

        @Test
        void namesTheAgencyInChargeOnTheDateAsThePreviousOneForARetroactiveReassignment() {
            ManagingAgencyReassignedEvent toMoha = new ManagingAgencyReassignedEvent(NTP, P4_SP2, MOLISA, MOHA,
                    LocalDate.of(2025, 3, 1), "176/2025/QH15");
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered(), toMoha)
                    .when(new ReassignManagingAgencyCommand(NTP, P4_SP2, "Interim board", LocalDate.of(2024, 1, 1),
                            "QD-9"))
                    .expectEvents(new ManagingAgencyReassignedEvent(NTP, P4_SP2, MOLISA, "Interim board",
                            LocalDate.of(2024, 1, 1), "QD-9"));
        }

        @Test
        void refusesAReassignmentToTheAgencyAlreadyInCharge() {
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered())
                    .when(new ReassignManagingAgencyCommand(NTP, P4_SP2, MOLISA, LocalDate.of(2025, 3, 1), "QD-1"))
                    .expectException(refusal(ErrorCode.AGENCY_UNCHANGED, "managingAgency", "changes-agency"))
                    .expectNoEvents();
        }

        @Test
        void refusesAReassignmentBeforeTheSubProjectWasRegistered() {
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered())
                    .when(new ReassignManagingAgencyCommand(NTP, P4_SP2, MOHA, LocalDate.of(2021, 12, 31), "QD-1"))
                    .expectException(refusal(ErrorCode.VALIDATION_FAILED, "effectiveDate", "not-before-registration"))
                    .expectNoEvents();
        }

        @Test
        void refusesAReassignmentOfAnUnknownSubProject() {
            fixture.given(programmeRegistered(), projectRegistered())
                    .when(new ReassignManagingAgencyCommand(NTP, P4_SP2, MOHA, LocalDate.of(2025, 3, 1), "QD-1"))
                    .expectException(refusal(ErrorCode.SUB_PROJECT_NOT_FOUND, "subProjectCode", "exists"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Outputs {

        @Test
        void plansAnOutputAndNamesTheEarlierPlanWhenReplaced() {
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered(),
                            planned(new BigDecimal("40"), null))
                    .when(plan(2024, new BigDecimal("50")))
                    .expectEvents(planned(new BigDecimal("50"), new BigDecimal("40")));
        }

        @Test
        void refusesAPlanForAYearOutsideTheProgrammePeriod() {
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered())
                    .when(plan(2026, BigDecimal.TEN))
                    .expectException(refusal(ErrorCode.OUTSIDE_PROGRAMME_PERIOD, "year",
                            "within-programme-period:2021-2025"))
                    .expectNoEvents();
        }

        @Test
        void recordsAnOutputWithItsBeneficiariesAndTheAllocationThatPaid() {
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered())
                    .when(output(List.of(REGISTERED), ALLOCATION, 2024))
                    .expectEvents(new OutputRecordedEvent(NTP, P4, P4_SP2, OutputCode.WORKERS_PLACED_ABROAD,
                            new BigDecimal("3"), "person", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30),
                            COMMUNE, List.of(REGISTERED), ALLOCATION));
        }

        @Test
        void refusesAnOutputNamingAnUnregisteredHousehold() {
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered())
                    .when(output(List.of(REGISTERED, new HouseholdId("HH-404")), null, 2024))
                    .expectException(refusal(ErrorCode.HOUSEHOLD_NOT_FOUND, "beneficiaries[1]", "exists",
                            Map.of("householdId", "HH-404")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnOutputNamingAnUnknownAllocation() {
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered())
                    .when(output(List.of(), new AllocationId("AL-404"), 2024))
                    .expectException(refusal(ErrorCode.ALLOCATION_NOT_FOUND, "allocationId", "exists"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnOutputPaidByAnotherSubProjectsAllocation() {
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered(),
                            new SubProjectRegisteredEvent(NTP, P4, new SubProjectCode("P4.SP1"), "Vocational",
                                    MOLISA, DECISION_90))
                    .when(new RecordOutputCommand(NTP, new SubProjectCode("P4.SP1"), OutputCode.WORKERS_TRAINED,
                            BigDecimal.ONE, "person", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30), COMMUNE,
                            List.of(), ALLOCATION))
                    .expectException(refusal(ErrorCode.FUNDING_LINK_MISMATCH, "allocationId",
                            "allocation-of-sub-project", Map.of("allocationSubProjectCode", "P4.SP2")))
                    .expectNoEvents();
        }

        @Test
        void refusesAnOutputOfAnUnknownSubProject() {
            fixture.given(programmeRegistered(), projectRegistered())
                    .when(output(List.of(), null, 2024))
                    .expectException(refusal(ErrorCode.SUB_PROJECT_NOT_FOUND, "subProjectCode", "exists"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnOutputPeriodOutsideTheProgrammePeriod() {
            fixture.given(programmeRegistered(), projectRegistered(), subProjectRegistered())
                    .when(output(List.of(), null, 2020))
                    .expectException(refusal(ErrorCode.OUTSIDE_PROGRAMME_PERIOD, "periodTo",
                            "within-programme-period:2021-2025"))
                    .expectNoEvents();
        }

        @Test
        void refusesAQuantityInAnotherUnitThanTheOutputs() {
            assertThatThrownBy(() -> new RecordOutputCommand(NTP, P4_SP2, OutputCode.ROAD_KM_HARDENED,
                    new BigDecimal("1.5"), "m", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 30), COMMUNE,
                    List.of(), null))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.field()).isEqualTo("unit");
                        assertThat(e.rule()).isEqualTo("unit-of:ROAD_KM_HARDENED");
                    });
        }

        @Test
        void refusesAPeriodSpanningTwoYearsAndNamingAHouseholdTwice() {
            assertThatThrownBy(() -> new RecordOutputCommand(NTP, P4_SP2, OutputCode.HOUSES_BUILT, BigDecimal.ONE,
                    "house", LocalDate.of(2023, 12, 1), LocalDate.of(2024, 1, 31), COMMUNE, List.of(), null))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.rule()).isEqualTo("same-year-as:periodFrom"));
            assertThatThrownBy(() -> new RecordOutputCommand(NTP, P4_SP2, OutputCode.HOUSES_BUILT, BigDecimal.ONE,
                    "house", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31), COMMUNE,
                    List.of(REGISTERED, REGISTERED), null))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule()).isEqualTo("unique"));
        }

        @Test
        void refusesANonPositiveQuantityOrMoreThanThreeDecimals() {
            assertThatThrownBy(() -> plan(2024, BigDecimal.ZERO))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule()).isEqualTo("positive"));
            assertThatThrownBy(() -> plan(2024, new BigDecimal("1.0005")))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.rule()).isEqualTo("max-scale:3"));
            assertThat(plan(2024, new BigDecimal("12.500")).quantity()).isEqualByComparingTo("12.5")
                    .hasToString("12.5");
            assertThat(plan(2024, new BigDecimal("1E+2")).quantity()).hasToString("100");
        }
    }

    private static ProgrammeRegisteredEvent programmeRegistered() {
        return new ProgrammeRegisteredEvent(NTP, "NTP SPR", 2021, 2025, "90/QD-TTg", DECISION_90);
    }

    private static ProjectRegisteredEvent projectRegistered() {
        return new ProjectRegisteredEvent(NTP, P4, "Vocational education");
    }

    private static SubProjectRegisteredEvent subProjectRegistered() {
        return new SubProjectRegisteredEvent(NTP, P4, P4_SP2, "Work abroad", MOLISA, DECISION_90);
    }

    private static PlanOutputCommand plan(int year, BigDecimal quantity) {
        return new PlanOutputCommand(NTP, P4_SP2, OutputCode.WORKERS_PLACED_ABROAD, year, COMMUNE, quantity,
                "KH-12/UBND", LocalDate.of(2024, 1, 10));
    }

    private static OutputPlannedEvent planned(BigDecimal quantity, BigDecimal previous) {
        return new OutputPlannedEvent(NTP, P4, P4_SP2, OutputCode.WORKERS_PLACED_ABROAD, 2024, COMMUNE, quantity,
                "person", previous, "KH-12/UBND", LocalDate.of(2024, 1, 10));
    }

    private static RecordOutputCommand output(List<HouseholdId> beneficiaries, AllocationId allocation, int year) {
        return new RecordOutputCommand(NTP, P4_SP2, OutputCode.WORKERS_PLACED_ABROAD, new BigDecimal("3"), "person",
                LocalDate.of(year, 1, 1), LocalDate.of(year, 6, 30), COMMUNE, beneficiaries, allocation);
    }
}
