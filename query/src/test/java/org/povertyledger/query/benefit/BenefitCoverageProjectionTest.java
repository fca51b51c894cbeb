package org.povertyledger.query.benefit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.TreeSet;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.support.EmbeddedMongo;
import org.povertyledger.shared.benefit.event.BenefitRecordedEvent;
import org.povertyledger.shared.benefit.query.BenefitCoverageUnit;
import org.povertyledger.shared.benefit.query.BenefitCoverageView;
import org.povertyledger.shared.benefit.query.FindBenefitCoverageQuery;
import org.povertyledger.shared.benefit.query.FindHouseholdBenefitsQuery;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.TargetGroup;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;

import com.mongodb.client.MongoDatabase;

/** Benefit coverage per commune and year, from the projection's handlers called directly. */
class BenefitCoverageProjectionTest {

    private static final CommuneCode C1 = new CommuneCode("24541");
    private static final CommuneCode C2 = new CommuneCode("24544");

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private BenefitCoverageProjection projection;
    private BenefitQueryHandler queries;
    private long position;

    @BeforeEach
    void setUp() {
        MongoDatabase database = mongo.freshDatabase();
        projection = new BenefitCoverageProjection(database);
        queries = new BenefitQueryHandler(database);
    }

    private TrackingToken next() {
        return new GlobalSequenceTrackingToken(++position);
    }

    private void household(String id, CommuneCode commune, PovertyStatus status, String effectiveDate) {
        HouseholdId household = new HouseholdId(id);
        projection.on(new HouseholdRegisteredEvent(household, commune, "Buon Jun", Area.RURAL, "Head", "Ede", true, 4),
                next());
        assess(id, status, effectiveDate);
    }

    private void assess(String id, PovertyStatus status, String effectiveDate) {
        LocalDate date = LocalDate.parse(effectiveDate);
        projection.on(new AssessmentRecordedEvent(new HouseholdId(id), date.getYear(), ReviewKind.PERIODIC,
                date.minusMonths(1), Area.RURAL, 1_000_000, Livelihood.OTHER, new TreeSet<>(), "QD", date,
                "VN-DECREE-07-2021", 1, 3, status), next(), id + "-" + effectiveDate);
    }

    private void benefit(String id, BenefitKind kind, String date, Integer coverageYear, Long amount) {
        projection.on(new BenefitRecordedEvent(new HouseholdId(id), kind, LocalDate.parse(date), coverageYear,
                amount == null ? null : new Vnd(amount), kind == BenefitKind.PREFERENTIAL_LOAN ? "VBSP" : null, null,
                null, null, null, null, null, null, null, PovertyStatus.POOR, TargetGroup.POOR, "rule"), next(),
                "b" + position, Instant.EPOCH);
    }

    private BenefitCoverageView coverage(String communeCode, String asOf) {
        return queries.handle(new FindBenefitCoverageQuery(2024, communeCode,
                asOf == null ? null : LocalDate.parse(asOf)));
    }

    @Test
    void countsPoorHouseholdsWithACardAndEligibleHouseholdsWithALoanPerCommune() {
        household("HH-1", C1, PovertyStatus.POOR, "2023-12-15");
        household("HH-2", C1, PovertyStatus.POOR, "2023-12-15");
        household("HH-3", C1, PovertyStatus.NEAR_POOR, "2023-12-15");
        household("HH-4", C2, PovertyStatus.POOR, "2022-12-15");
        assess("HH-4", PovertyStatus.NOT_POOR, "2023-12-15");
        benefit("HH-1", BenefitKind.HEALTH_INSURANCE_CARD, "2023-12-20", 2024, null);
        benefit("HH-2", BenefitKind.HEALTH_INSURANCE_CARD, "2024-01-05", 2023, null);
        benefit("HH-3", BenefitKind.PREFERENTIAL_LOAN, "2024-03-01", null, 50_000_000L);
        benefit("HH-4", BenefitKind.PREFERENTIAL_LOAN, "2024-08-01", null, 30_000_000L);

        BenefitCoverageView view = coverage(null, null);
        BenefitCoverageUnit c1 = view.units().get(0);
        assertThat(c1.communeCode()).isEqualTo("24541");
        assertThat(c1.households()).isEqualTo(3);
        assertThat(c1.healthInsuranceOfPoor().eligible()).isEqualTo(2);
        assertThat(c1.healthInsuranceOfPoor().covered()).as("only the card covering 2024 counts").isEqualTo(1);
        assertThat(c1.healthInsuranceOfPoor().rate()).isEqualByComparingTo(new BigDecimal("50.00"));
        BenefitCoverageUnit c2 = view.units().get(1);
        assertThat(c2.newlyEscaped()).isEqualTo(1);
        assertThat(c2.preferentialLoanOfEligible().covered()).isEqualTo(1);
        assertThat(view.total().preferentialLoanOfEligible().eligible()).isEqualTo(4);
        assertThat(view.total().preferentialLoanOfEligible().covered()).isEqualTo(2);
        assertThat(view.total().benefits()).filteredOn(k -> k.kind() == BenefitKind.PREFERENTIAL_LOAN)
                .singleElement().satisfies(k -> assertThat(k.amount()).isEqualTo(80_000_000L));

        BenefitCoverageView june = coverage(null, "2024-06-30");
        assertThat(june.referenceDate()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(june.total().preferentialLoanOfEligible().covered()).as("the August loan lies ahead").isEqualTo(1);
    }

    @Test
    void placesAHouseholdInTheCommuneAndStatusItHadOnTheReferenceDateCorrectionsIncluded() {
        household("HH-9", C1, PovertyStatus.POOR, "2023-12-15");
        projection.on(new HouseholdDetailsUpdatedEvent(new HouseholdId("HH-9"), C2, "Buon Ja", 4,
                LocalDate.of(2024, 7, 1), "moved"), next());
        assertThat(coverage("24541", "2024-06-30").total().households()).isEqualTo(1);
        assertThat(coverage("24541", null).total().households()).isZero();
        assertThat(coverage("24544", null).total().poor()).isEqualTo(1);

        projection.on(new AssessmentCorrectedEvent(new HouseholdId("HH-9"), "HH-9-2023-12-15", "HH-9-2023-12-15",
                2023, ReviewKind.PERIODIC, LocalDate.of(2023, 11, 1), Area.RURAL, 1_000_000, Livelihood.OTHER,
                new TreeSet<>(), "QD-C", LocalDate.of(2023, 12, 15), "VN-DECREE-07-2021", 1, 1, PovertyStatus.POOR,
                PovertyStatus.NEAR_POOR, "recount"), next());
        assertThat(coverage("24544", null).total().poor()).isZero();
        assertThat(coverage("24544", null).total().nearPoor()).isEqualTo(1);
        assertThat(queries.handle(new FindHouseholdBenefitsQuery("HH-9", null))).isPresent();
        assertThat(queries.handle(new FindHouseholdBenefitsQuery("HH-0", null))).isEmpty();
    }
}
