package org.povertyledger.query.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyledger.query.household.HouseholdEventsFixture.COMMUNE;
import static org.povertyledger.query.household.HouseholdEventsFixture.OTHER_COMMUNE;
import static org.povertyledger.query.household.HouseholdEventsFixture.assessed;
import static org.povertyledger.query.household.HouseholdEventsFixture.corrected;
import static org.povertyledger.query.household.HouseholdEventsFixture.moved;
import static org.povertyledger.query.household.HouseholdEventsFixture.registered;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.support.EmbeddedMongo;
import org.povertyledger.query.support.ProjectionPositions;
import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.povertyledger.shared.household.query.FindHouseholdsQuery;
import org.povertyledger.shared.household.query.HouseholdPage;
import org.povertyledger.shared.household.query.HouseholdSummary;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.StatusTransition;

import com.mongodb.client.MongoDatabase;

/** The household list: filters, paging, order, total and position. */
class HouseholdQueryHandlerTest {

    private static final LocalDate DEC_2023 = LocalDate.of(2023, 12, 15);
    private static final LocalDate DEC_2024 = LocalDate.of(2024, 12, 15);
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private MongoDatabase database;
    private HouseholdViewProjection projection;
    private HouseholdQueryHandler queries;
    private final AtomicLong position = new AtomicLong();

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        new HouseholdViewIndexes(database).ensure();
        projection = new HouseholdViewProjection(database);
        queries = new HouseholdQueryHandler(database);
    }

    private GlobalSequenceTrackingToken next() {
        return new GlobalSequenceTrackingToken(position.incrementAndGet());
    }

    private Instant now() {
        return T0.plusSeconds(position.get());
    }

    private void household(String id, String commune, String village, boolean minority, PovertyStatus status) {
        projection.on(registered(id, commune, village, 3, minority), next(), now());
        if (status != PovertyStatus.UNASSESSED) {
            projection.on(assessed(id, 2023, DEC_2023, status), next(), "a-" + id, now());
        }
    }

    /** Seven households, registered out of id order. */
    private void register() {
        household("HH-07", COMMUNE, "Ban Na", true, PovertyStatus.POOR);
        household("HH-02", COMMUNE, "Ban Na", false, PovertyStatus.NEAR_POOR);
        household("HH-05", COMMUNE, "Ban Moi", true, PovertyStatus.POOR);
        household("HH-01", OTHER_COMMUNE, "Ban Na", true, PovertyStatus.POOR);
        household("HH-04", COMMUNE, "Ban Na", true, PovertyStatus.UNASSESSED);
        household("HH-06", OTHER_COMMUNE, "Ban Xa", false, PovertyStatus.NOT_POOR);
        household("HH-03", COMMUNE, "Ban Moi", false, PovertyStatus.POOR);
    }

    private HouseholdPage find(String commune, String village, PovertyStatus status, Boolean minority) {
        return queries.handle(new FindHouseholdsQuery(commune, village, status, minority, 0, 50));
    }

    private static String[] ids(HouseholdPage page) {
        return page.items().stream().map(HouseholdSummary::householdId).toArray(String[]::new);
    }

    @Test
    void withoutFiltersEveryHouseholdIsListedByHouseholdId() {
        register();

        HouseholdPage page = find(null, null, null, null);

        assertThat(ids(page)).containsExactly("HH-01", "HH-02", "HH-03", "HH-04", "HH-05", "HH-06", "HH-07");
        assertThat(page.total()).isEqualTo(7);
    }

    @Test
    void eachFilterKeepsOnlyMatchingHouseholds() {
        register();

        assertThat(ids(find(OTHER_COMMUNE, null, null, null))).containsExactly("HH-01", "HH-06");
        assertThat(ids(find(null, "Ban Moi", null, null))).containsExactly("HH-03", "HH-05");
        assertThat(ids(find(null, null, PovertyStatus.UNASSESSED, null))).containsExactly("HH-04");
        assertThat(ids(find(null, null, null, false))).containsExactly("HH-02", "HH-03", "HH-06");
    }

    @Test
    void filtersCombine() {
        register();

        HouseholdPage page = find(COMMUNE, "Ban Na", PovertyStatus.POOR, true);

        assertThat(ids(page)).containsExactly("HH-07");
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void rowsCarryTheCurrentFields() {
        register();
        projection.on(moved("HH-07", OTHER_COMMUNE, "Ban Xa", 6, DEC_2023), next(), now());

        HouseholdSummary row = find(OTHER_COMMUNE, "Ban Xa", null, true).items().get(0);

        assertThat(row).isEqualTo(new HouseholdSummary("HH-07", OTHER_COMMUNE, "Ban Xa", "Lo Van A", true, 6,
                PovertyStatus.POOR, 2023, null, null));
    }

    @Test
    void theStatusFilterSeesCorrectedOutcomes() {
        register();
        projection.on(corrected("HH-05", "a-HH-05", "a-HH-05", 2023, DEC_2023, PovertyStatus.POOR,
                PovertyStatus.NOT_POOR), next(), "c-HH-05", now());

        assertThat(ids(find(null, null, PovertyStatus.POOR, null))).containsExactly("HH-01", "HH-03", "HH-07");
        assertThat(ids(find(null, null, PovertyStatus.NOT_POOR, null))).containsExactly("HH-05", "HH-06");
    }

    /** HH-03 poor in 2023, escaped in 2024; HH-05 poor in 2023, poor again; HH-01 (other commune) escaped in 2024. */
    private void transitions() {
        register();
        changed("HH-03", PovertyStatus.UNASSESSED, PovertyStatus.POOR, StatusTransition.NEWLY_POOR, 2023);
        changed("HH-05", PovertyStatus.UNASSESSED, PovertyStatus.POOR, StatusTransition.NEWLY_POOR, 2023);
        changed("HH-01", PovertyStatus.UNASSESSED, PovertyStatus.POOR, StatusTransition.NEWLY_POOR, 2023);
        projection.on(assessed("HH-03", 2024, DEC_2024, PovertyStatus.NOT_POOR), next(), "b-HH-03", now());
        changed("HH-03", PovertyStatus.POOR, PovertyStatus.NOT_POOR, StatusTransition.ESCAPED_POVERTY, 2024);
        projection.on(assessed("HH-01", 2024, DEC_2024, PovertyStatus.NOT_POOR), next(), "b-HH-01", now());
        changed("HH-01", PovertyStatus.POOR, PovertyStatus.NOT_POOR, StatusTransition.ESCAPED_POVERTY, 2024);
    }

    private void changed(String id, PovertyStatus previous, PovertyStatus next, StatusTransition transition,
                         int year) {
        projection.on(new HouseholdStatusChangedEvent(new HouseholdId(id), previous, next, transition,
                (year == 2023 ? "a-" : "b-") + id, year, year == 2023 ? DEC_2023 : DEC_2024), next(), now());
    }

    private HouseholdPage byTransition(String commune, StatusTransition transition, Integer year,
                                       UnitScope scope) {
        return queries.handle(new FindHouseholdsQuery(commune, null, null, null, transition, year, 0, 50, scope));
    }

    @Test
    void theTransitionFilterAloneMatchesTheChangeThatLedToTheCurrentStatus() {
        transitions();

        assertThat(ids(byTransition(null, StatusTransition.ESCAPED_POVERTY, null, null)))
                .containsExactly("HH-01", "HH-03");
        assertThat(ids(byTransition(null, StatusTransition.NEWLY_POOR, null, null))).containsExactly("HH-05");
        assertThat(ids(byTransition(null, StatusTransition.RE_POOR, null, null))).isEmpty();
    }

    @Test
    void withAReviewYearTheTransitionFilterMatchesThatYearsLatestChange() {
        transitions();

        assertThat(ids(byTransition(null, StatusTransition.NEWLY_POOR, 2023, null)))
                .containsExactly("HH-01", "HH-03", "HH-05");
        assertThat(ids(byTransition(null, StatusTransition.ESCAPED_POVERTY, 2023, null))).isEmpty();
        assertThat(ids(byTransition(null, StatusTransition.ESCAPED_POVERTY, 2024, null)))
                .containsExactly("HH-01", "HH-03");
    }

    @Test
    void theTransitionFilterCombinesWithTheOtherFiltersAndTheScope() {
        transitions();

        assertThat(ids(byTransition(COMMUNE, StatusTransition.ESCAPED_POVERTY, 2024, null)))
                .containsExactly("HH-03");
        HouseholdPage scoped = byTransition(null, StatusTransition.NEWLY_POOR, 2023,
                UnitScope.of(List.of(OTHER_COMMUNE)));
        assertThat(ids(scoped)).containsExactly("HH-01");
        assertThat(scoped.total()).isEqualTo(1);
        HouseholdPage notPoorAndEscaped = queries.handle(new FindHouseholdsQuery(null, null, PovertyStatus.NOT_POOR,
                null, StatusTransition.ESCAPED_POVERTY, null, 0, 50, null));
        assertThat(ids(notPoorAndEscaped)).containsExactly("HH-01", "HH-03");
    }

    @Test
    void rowsNameTheLatestTransitionAndItsReviewYear() {
        transitions();

        HouseholdSummary row = byTransition(null, StatusTransition.ESCAPED_POVERTY, null, null).items().get(1);

        assertThat(row.transition()).isEqualTo(StatusTransition.ESCAPED_POVERTY);
        assertThat(row.transitionYear()).isEqualTo(2024);
    }

    @Test
    void aTransitionYearWithoutATransitionIsRefused() {
        assertThatThrownBy(() -> byTransition(null, null, 2024, null))
                .isInstanceOf(ValidationException.class).extracting(e -> ((DomainException) e).rule())
                .isEqualTo("requires-transition");
        assertThatThrownBy(() -> byTransition(null, StatusTransition.RE_POOR, 1999, null))
                .isInstanceOf(ValidationException.class).extracting(e -> ((DomainException) e).field())
                .isEqualTo("transitionYear");
    }

    @Test
    void pagesFollowEachOtherWithTheSameTotal() {
        register();

        HouseholdPage first = queries.handle(new FindHouseholdsQuery(null, null, null, null, 0, 3));
        HouseholdPage second = queries.handle(new FindHouseholdsQuery(null, null, null, null, 1, 3));
        HouseholdPage third = queries.handle(new FindHouseholdsQuery(null, null, null, null, 2, 3));
        HouseholdPage beyond = queries.handle(new FindHouseholdsQuery(null, null, null, null, 3, 3));

        assertThat(ids(first)).containsExactly("HH-01", "HH-02", "HH-03");
        assertThat(ids(second)).containsExactly("HH-04", "HH-05", "HH-06");
        assertThat(ids(third)).containsExactly("HH-07");
        assertThat(ids(beyond)).isEmpty();
        assertThat(first.total()).isEqualTo(7);
        assertThat(beyond.total()).isEqualTo(7);
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(3);
    }

    @Test
    void aPageCarriesTheHighestPositionTheViewReflects() {
        register();

        assertThat(find(null, null, null, null).position()).isEqualTo(position.get()).isEqualTo(13);
    }

    @Test
    void anEmptyViewAnswersAnEmptyPageWithoutPosition() {
        HouseholdPage page = find(COMMUNE, null, null, null);

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(page.position()).isEqualTo(ProjectionPositions.NONE);
    }

    @Test
    void pageSizeAndNumberAreChecked() {
        assertThatThrownBy(() -> queries.handle(new FindHouseholdsQuery(null, null, null, null, 0, 0)))
                .isInstanceOf(ValidationException.class).extracting(e -> ((DomainException) e).field())
                .isEqualTo("size");
        assertThatThrownBy(() -> queries.handle(new FindHouseholdsQuery(null, null, null, null, 0, 501)))
                .isInstanceOf(ValidationException.class).extracting(e -> ((DomainException) e).rule())
                .isEqualTo("max:500");
        assertThatThrownBy(() -> queries.handle(new FindHouseholdsQuery(null, null, null, null, -1, 10)))
                .isInstanceOf(ValidationException.class).extracting(e -> ((DomainException) e).field())
                .isEqualTo("page");
        assertThatThrownBy(() -> queries.handle(new FindHouseholdsQuery(null, null, null, null,
                Integer.MAX_VALUE / 500 + 1, 500)))
                .isInstanceOf(ValidationException.class).extracting(e -> ((DomainException) e).field())
                .isEqualTo("page");
    }

    @Test
    void creatingTheListIndexesAgainIsHarmless() {
        register();

        new HouseholdViewIndexes(database).ensure();

        assertThat(find(COMMUNE, "Ban Na", null, null).total()).isEqualTo(3);
    }
}
