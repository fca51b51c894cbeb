package org.povertyledger.query.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.support.EmbeddedMongo;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.event.ManagingAgencyReassignedEvent;
import org.povertyledger.shared.programme.event.OutputPlannedEvent;
import org.povertyledger.shared.programme.event.OutputRecordedEvent;
import org.povertyledger.shared.programme.event.ProgrammeRegisteredEvent;
import org.povertyledger.shared.programme.event.ProjectRegisteredEvent;
import org.povertyledger.shared.programme.event.SubProjectRegisteredEvent;
import org.povertyledger.shared.programme.query.FindOutputsAgainstPlanQuery;
import org.povertyledger.shared.programme.query.FindProgrammeStructureQuery;
import org.povertyledger.shared.programme.query.OutputPlanRow;
import org.povertyledger.shared.programme.query.ProgrammeStructureView;
import org.povertyledger.shared.programme.query.SubProjectView;
import org.povertyledger.shared.programme.value.OutputCode;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

import com.mongodb.client.MongoDatabase;

/** Structure (agency terms as of a date) and outputs against plan, handlers called directly. */
class ProgrammeStructureAndOutputsProjectionTest {

    private static final ProgrammeCode NTP = new ProgrammeCode("NTP-SPR-2021-2025");
    private static final ProjectCode P4 = new ProjectCode("P4");
    private static final SubProjectCode P4_SP2 = new SubProjectCode("P4.SP2");
    private static final CommuneCode C1 = new CommuneCode("24541");
    private static final CommuneCode C2 = new CommuneCode("24544");

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private ProgrammeStructureProjection structure;
    private ProgrammeOutputsProjection outputs;
    private ProgrammeQueryHandler queries;

    @BeforeEach
    void setUp() {
        MongoDatabase database = mongo.freshDatabase();
        structure = new ProgrammeStructureProjection(database);
        outputs = new ProgrammeOutputsProjection(database);
        queries = new ProgrammeQueryHandler(database);
    }

    private static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    @Test
    void namesTheAgencyInChargeOnEachDateAndKeepsEveryTerm() {
        structure.on(new ProgrammeRegisteredEvent(NTP, "NTP", 2021, 2025, "90/QD-TTg", LocalDate.of(2022, 1, 18)),
                at(1));
        structure.on(new ProjectRegisteredEvent(NTP, new ProjectCode("P10"), "Tenth"), at(2));
        structure.on(new ProjectRegisteredEvent(NTP, P4, "Vocational"), at(3));
        structure.on(new SubProjectRegisteredEvent(NTP, P4, P4_SP2, "Abroad", "MOLISA", LocalDate.of(2022, 1, 18)),
                at(4));
        ManagingAgencyReassignedEvent toMoha = new ManagingAgencyReassignedEvent(NTP, P4_SP2, "MOLISA", "MOHA",
                LocalDate.of(2025, 3, 1), "176/2025/QH15");
        structure.on(toMoha, at(5));
        structure.on(toMoha, at(5));

        assertThat(agency(LocalDate.of(2025, 2, 28))).isEqualTo("MOLISA");
        assertThat(agency(LocalDate.of(2025, 3, 1))).isEqualTo("MOHA");
        assertThat(agency(null)).isEqualTo("MOHA");
        assertThat(agency(LocalDate.of(2021, 1, 1))).isNull();
        ProgrammeStructureView view = queries.handle(new FindProgrammeStructureQuery(NTP.value(), null)).orElseThrow();
        assertThat(view.projects()).extracting("projectCode").containsExactly("P4", "P10");
        SubProjectView line = view.projects().get(0).subProjects().get(0);
        assertThat(line.agencyHistory()).hasSize(2);
        assertThat(line.agencyHistory().get(0).until()).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(view.position()).isEqualTo(5);
    }

    @Test
    void comparesOutputsWithTheLatestPlanInEffectForTheCommuneAndForTheWholeSubProject() {
        outputs.on(plan(C1, "10", null, "2024-01-10"), at(10));
        outputs.on(plan(C1, "12", "10", "2024-06-01"), at(11));
        outputs.on(plan(null, "30", null, "2024-01-10"), at(12));
        outputs.on(output(C1, "4", "2024-03-31", List.of("HH-1", "HH-2")), at(13), "o1", Instant.EPOCH);
        outputs.on(output(C2, "5", "2024-06-30", List.of("HH-2", "HH-3")), at(14), "o2", Instant.EPOCH);
        outputs.on(output(C2, "5", "2024-06-30", List.of("HH-2", "HH-3")), at(14), "o2", Instant.EPOCH);

        List<OutputPlanRow> rows = rows(null);
        assertThat(rows).extracting(OutputPlanRow::communeCode).containsExactly(null, "24541", "24544");
        assertRow(rows.get(0), "30", "9", "30.00", 2, 3);
        assertRow(rows.get(1), "12", "4", "33.33", 1, 2);
        assertThat(rows.get(2).planned()).isNull();
        assertThat(rows.get(2).achieved()).isEqualByComparingTo("5");

        List<OutputPlanRow> april = rows(LocalDate.of(2024, 4, 30));
        assertRow(april.get(0), "30", "4", "13.33", 1, 2);
        assertRow(april.get(1), "10", "4", "40.00", 1, 2);
        assertThat(april).hasSize(2);
    }

    private String agency(LocalDate asOf) {
        return queries.handle(new FindProgrammeStructureQuery(NTP.value(), asOf)).orElseThrow()
                .projects().get(0).subProjects().get(0).managingAgency();
    }

    private List<OutputPlanRow> rows(LocalDate asOf) {
        return queries.handle(new FindOutputsAgainstPlanQuery(NTP.value(), null, 2024, null, asOf)).rows();
    }

    private static OutputPlannedEvent plan(CommuneCode commune, String quantity, String previous, String date) {
        return new OutputPlannedEvent(NTP, P4, P4_SP2, OutputCode.WORKERS_PLACED_ABROAD, 2024, commune,
                new BigDecimal(quantity), "person", previous == null ? null : new BigDecimal(previous), "KH",
                LocalDate.parse(date));
    }

    private static OutputRecordedEvent output(CommuneCode commune, String quantity, String periodTo,
                                              List<String> beneficiaries) {
        return new OutputRecordedEvent(NTP, P4, P4_SP2, OutputCode.WORKERS_PLACED_ABROAD, new BigDecimal(quantity),
                "person", LocalDate.parse(periodTo).withDayOfMonth(1), LocalDate.parse(periodTo), commune,
                beneficiaries.stream().map(HouseholdId::new).toList(), null);
    }

    private static void assertRow(OutputPlanRow row, String planned, String achieved, String rate, int records,
                                  int beneficiaries) {
        assertThat(row.planned()).isEqualByComparingTo(planned);
        assertThat(row.achieved()).isEqualByComparingTo(achieved);
        assertThat(row.achievementRate()).isEqualByComparingTo(rate);
        assertThat(row.records()).isEqualTo(records);
        assertThat(row.beneficiaryHouseholds()).isEqualTo(beneficiaries);
    }
}
