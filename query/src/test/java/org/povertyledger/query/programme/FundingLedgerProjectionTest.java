package org.povertyledger.query.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.support.EmbeddedMongo;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.programme.event.AllocationAdjustedEvent;
import org.povertyledger.shared.programme.event.AllocationClosedEvent;
import org.povertyledger.shared.programme.event.FundsAllocatedEvent;
import org.povertyledger.shared.programme.event.FundsDisbursedEvent;
import org.povertyledger.shared.programme.event.ProgrammeRegisteredEvent;
import org.povertyledger.shared.programme.event.ProjectRegisteredEvent;
import org.povertyledger.shared.programme.event.SubProjectRegisteredEvent;
import org.povertyledger.shared.programme.query.AllocationView;
import org.povertyledger.shared.programme.query.FindAllocationQuery;
import org.povertyledger.shared.programme.query.FindFundingLedgerQuery;
import org.povertyledger.shared.programme.query.FundingFigures;
import org.povertyledger.shared.programme.query.FundingLedgerView;
import org.povertyledger.shared.programme.value.AdjustmentDirection;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.FiscalYear;
import org.povertyledger.shared.programme.value.FundingSource;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.povertyledger.shared.programme.value.UnitCode;

import com.mongodb.client.MongoDatabase;

/** The funding ledger projection, its handlers called directly, read back through the query handler. */
class FundingLedgerProjectionTest {

    private static final ProgrammeCode NTP = new ProgrammeCode("NTP-SPR-2021-2025");
    private static final AllocationId A1 = new AllocationId("AL-1");
    private static final AllocationId A2 = new AllocationId("AL-2");
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");
    private static final MetaData OFFICER = MetaData.from(Map.of("actorId", "officer", "actorRole", "OFFICER"));

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private MongoDatabase database;
    private FundingLedgerProjection projection;
    private ProgrammeStructureProjection structure;
    private ProgrammeQueryHandler queries;

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        projection = new FundingLedgerProjection(database);
        structure = new ProgrammeStructureProjection(database);
        queries = new ProgrammeQueryHandler(database);
        structure.on(new ProgrammeRegisteredEvent(NTP, "NTP", 2021, 2025, "90/QD-TTg", LocalDate.of(2022, 1, 18)),
                at(1));
        structure.on(new ProjectRegisteredEvent(NTP, new ProjectCode("P5"), "Housing"), at(2));
        structure.on(new SubProjectRegisteredEvent(NTP, new ProjectCode("P5"), new SubProjectCode("P5"), "Housing",
                "MOC", LocalDate.of(2022, 1, 18)), at(3));
    }

    private static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private void allocated(AllocationId id, FundingSource source, long amount, String date, long position) {
        projection.on(new FundsAllocatedEvent(id, NTP, new ProjectCode("P5"), new SubProjectCode("P5"),
                new FiscalYear(2024), source, new Vnd(amount), new UnitCode("24541"), "QD-1",
                LocalDate.parse(date)), at(position), "e" + position, T0.plusSeconds(position), OFFICER);
    }

    private void disbursed(AllocationId id, long amount, String date, long allocated, long after, long position) {
        projection.on(new FundsDisbursedEvent(id, new Vnd(amount), LocalDate.parse(date), "houses", "commune", null,
                new Vnd(allocated), new Vnd(after)), at(position), "e" + position, T0.plusSeconds(position), OFFICER);
    }

    private FundingLedgerView ledger(String asOf) {
        return queries.handle(new FindFundingLedgerQuery(NTP.value(), asOf == null ? null : LocalDate.parse(asOf),
                null, null, null, null)).orElseThrow();
    }

    @Test
    void computesTheFiguresOnEachDateFromTheDatedEntries() {
        allocated(A1, FundingSource.CENTRAL_BUDGET, 1_000, "2024-01-15", 10);
        allocated(A2, FundingSource.LOCAL_BUDGET, 200, "2024-02-01", 11);
        disbursed(A1, 400, "2024-03-10", 1_000, 400, 12);
        projection.on(new AllocationAdjustedEvent(A1, AdjustmentDirection.DECREASE, new Vnd(300), new Vnd(1_000),
                new Vnd(700), "QD-2", LocalDate.of(2024, 9, 1), "savings"), at(13), "e13", T0, OFFICER);
        projection.on(new AllocationClosedEvent(A2, LocalDate.of(2024, 12, 31), new Vnd(200), new Vnd(0),
                new Vnd(200), "year ended", null), at(14), "e14", T0, OFFICER);

        assertThat(ledger(null).totals()).isEqualTo(new FundingFigures(900, 400, 300, 200, new BigDecimal("44.44"), 2));
        assertThat(ledger("2024-06-30").totals())
                .isEqualTo(new FundingFigures(1_200, 400, 800, 0, new BigDecimal("33.33"), 2));
        assertThat(ledger("2024-01-31").totals())
                .isEqualTo(new FundingFigures(1_000, 0, 1_000, 0, new BigDecimal("0.00"), 1));
        assertThat(ledger("2023-12-31").totals()).isEqualTo(new FundingFigures(0, 0, 0, 0, null, 0));
        assertThat(ledger(null).projects().get(0).name()).isEqualTo("Housing");
        assertThat(ledger(null).position()).isEqualTo(14);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        allocated(A1, FundingSource.CENTRAL_BUDGET, 1_000, "2024-01-15", 10);
        disbursed(A1, 400, "2024-03-10", 1_000, 400, 12);
        disbursed(A1, 400, "2024-03-10", 1_000, 400, 12);
        allocated(A1, FundingSource.CENTRAL_BUDGET, 1_000, "2024-01-15", 10);

        AllocationView view = queries.handle(new FindAllocationQuery(A1.value(), null)).orElseThrow();
        assertThat(view.entries()).hasSize(2);
        assertThat(view.figures().disbursed()).isEqualTo(400);
        assertThat(view.entries().get(1).actorId()).isEqualTo("officer");
        assertThat(view.position()).isEqualTo(12);
    }

    @Test
    void anUnknownProgrammeOrAllocationIsEmpty() {
        assertThat(queries.handle(new FindFundingLedgerQuery("NTP-NONE", null, null, null, null, null))).isEmpty();
        assertThat(queries.handle(new FindAllocationQuery("AL-NONE", null))).isEmpty();
    }

    @Test
    void resetEmptiesTheLedger() {
        allocated(A1, FundingSource.CENTRAL_BUDGET, 1_000, "2024-01-15", 10);
        projection.reset();
        assertThat(EmbeddedMongo.documents(database, FundingLedgerProjection.COLLECTION)).isZero();
    }
}
