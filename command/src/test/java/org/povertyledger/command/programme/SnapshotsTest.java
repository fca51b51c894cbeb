package org.povertyledger.command.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.programme.command.AdjustAllocationCommand;
import org.povertyledger.shared.programme.command.AllocateFundsCommand;
import org.povertyledger.shared.programme.command.DisburseFundsCommand;
import org.povertyledger.shared.programme.command.PlanOutputCommand;
import org.povertyledger.shared.programme.command.ReassignManagingAgencyCommand;
import org.povertyledger.shared.programme.command.RegisterProgrammeCommand;
import org.povertyledger.shared.programme.command.RegisterProjectCommand;
import org.povertyledger.shared.programme.command.RegisterSubProjectCommand;
import org.povertyledger.shared.programme.value.AdjustmentDirection;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.FiscalYear;
import org.povertyledger.shared.programme.value.FundingSource;
import org.povertyledger.shared.programme.value.OutputCode;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.povertyledger.shared.programme.value.UnitCode;

/**
 * The ledger snapshots programmes and allocations with a Jackson serializer; a snapshot that lost part of the state
 * would let a loaded aggregate decide on less than its history (an allocation would forget a disbursement).
 */
class SnapshotsTest {

    private static final ProgrammeCode NTP = new ProgrammeCode("NTP-SPR-2021-2025");
    private static final SubProjectCode P4_SP2 = new SubProjectCode("P4.SP2");

    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS))
            .build();

    @Test
    void snapshotOfAnAllocationKeepsItsDatedChangesAndDisbursements() {
        FixtureConfiguration<Allocation> fixture = new AggregateTestFixture<>(Allocation.class);
        fixture.registerInjectableResource((SubProjectLookup) (programme, subProject) ->
                new SubProjectTerms(programme, new ProjectCode("P4"), subProject, 2021, 2025));
        AllocationId id = new AllocationId("AL-S1");
        AtomicReference<Allocation> allocation = new AtomicReference<>();
        fixture.givenCommands(
                        new AllocateFundsCommand(id, NTP, P4_SP2, new FiscalYear(2024), FundingSource.LOCAL_BUDGET,
                                new Vnd(100), new UnitCode("24541"), "QD-1", LocalDate.of(2024, 1, 1)),
                        new DisburseFundsCommand(id, new Vnd(30), LocalDate.of(2024, 2, 1), "fees", "centre", null))
                .when(new AdjustAllocationCommand(id, AdjustmentDirection.DECREASE, new Vnd(10), "QD-2",
                        LocalDate.of(2024, 3, 1), "savings"))
                .expectSuccessfulHandlerExecution()
                .expectState(allocation::set);

        SerializedObject<String> snapshot = serializer.serialize(allocation.get(), String.class);
        Allocation restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(allocation.get());
        assertThat(snapshot.getData()).contains("2024-02-01", "\"amount\":-10");
    }

    @Test
    void snapshotOfAProgrammeKeepsItsStructureAgencyTermsAndPlans() {
        FixtureConfiguration<Programme> fixture = new AggregateTestFixture<>(Programme.class);
        AtomicReference<Programme> programme = new AtomicReference<>();
        fixture.givenCommands(
                        new RegisterProgrammeCommand(NTP, "NTP", 2021, 2025, "90/QD-TTg", LocalDate.of(2022, 1, 18)),
                        new RegisterProjectCommand(NTP, new ProjectCode("P4"), "Vocational"),
                        new RegisterSubProjectCommand(NTP, P4_SP2, "Abroad", "MOLISA", LocalDate.of(2022, 1, 18)),
                        new ReassignManagingAgencyCommand(NTP, P4_SP2, "MOHA", LocalDate.of(2025, 3, 1), "176"))
                .when(new PlanOutputCommand(NTP, P4_SP2, OutputCode.WORKERS_PLACED_ABROAD, 2024,
                        new CommuneCode("24541"), new BigDecimal("12"), "KH-1", LocalDate.of(2024, 1, 5)))
                .expectSuccessfulHandlerExecution()
                .expectState(programme::set);

        SerializedObject<String> snapshot = serializer.serialize(programme.get(), String.class);
        Programme restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(programme.get());
        assertThat(restored.termsOf(P4_SP2).projectCode()).isEqualTo(new ProjectCode("P4"));
        assertThat(snapshot.getData()).contains("MOHA", "2025-03-01", "P4.SP2|WORKERS_PLACED_ABROAD|2024|24541");
    }
}
