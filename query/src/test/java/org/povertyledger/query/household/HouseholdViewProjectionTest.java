package org.povertyledger.query.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyledger.query.household.HouseholdEventsFixture.COMMUNE;
import static org.povertyledger.query.household.HouseholdEventsFixture.OTHER_COMMUNE;
import static org.povertyledger.query.household.HouseholdEventsFixture.assessed;
import static org.povertyledger.query.household.HouseholdEventsFixture.corrected;
import static org.povertyledger.query.household.HouseholdEventsFixture.moved;
import static org.povertyledger.query.household.HouseholdEventsFixture.registered;
import static org.povertyledger.query.household.HouseholdEventsFixture.statusChanged;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.support.EmbeddedMongo;
import org.povertyledger.query.support.ProjectionPositions;
import org.povertyledger.shared.household.query.FindHouseholdQuery;
import org.povertyledger.shared.household.query.HouseholdView;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.StatusTransition;

import com.mongodb.client.MongoDatabase;

/** The household view projection, its handlers called directly, read back through the query handler. */
class HouseholdViewProjectionTest {

    private static final String HH = "HH-0001";
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00.123456789Z");
    private static final LocalDate DEC_2022 = LocalDate.of(2022, 12, 15);
    private static final LocalDate DEC_2023 = LocalDate.of(2023, 12, 15);

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private MongoDatabase database;
    private HouseholdViewProjection projection;
    private HouseholdQueryHandler queries;

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        projection = new HouseholdViewProjection(database);
        queries = new HouseholdQueryHandler(database);
    }

    private static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private static Instant time(long position) {
        return T0.plusSeconds(position);
    }

    private HouseholdView current() {
        return queries.handle(new FindHouseholdQuery(HH, null)).orElseThrow();
    }

    private HouseholdView asOf(LocalDate date) {
        return queries.handle(new FindHouseholdQuery(HH, date)).orElseThrow();
    }

    private Document stored() {
        return EmbeddedMongo.byId(database, HouseholdViewDocument.COLLECTION, HH);
    }

    @Test
    void registrationCreatesTheCurrentViewAsUnassessedAtTheEventsPosition() {
        projection.on(registered(HH, COMMUNE, "Ban Na", 4, true), at(7), time(7));

        HouseholdView view = current();
        assertThat(view.householdId()).isEqualTo(HH);
        assertThat(view.communeCode()).isEqualTo(COMMUNE);
        assertThat(view.village()).isEqualTo("Ban Na");
        assertThat(view.members()).isEqualTo(4);
        assertThat(view.area()).isEqualTo(Area.RURAL);
        assertThat(view.headName()).isEqualTo("Lo Van A");
        assertThat(view.ethnicity()).isEqualTo("Thai");
        assertThat(view.ethnicMinority()).isTrue();
        assertThat(view.status()).isEqualTo(PovertyStatus.UNASSESSED);
        assertThat(view.statusSince()).isNull();
        assertThat(view.lastReviewYear()).isNull();
        assertThat(view.rulebookId()).isNull();
        assertThat(view.asOf()).isNull();
        assertThat(view.position()).isEqualTo(7);
        assertThat(view.recordedAt()).isEqualTo(time(7));
    }

    @Test
    void unknownHouseholdIsAnsweredWithEmpty() {
        projection.on(registered(HH), at(1), time(1));

        assertThat(queries.handle(new FindHouseholdQuery("HH-9999", null))).isEmpty();
        assertThat(queries.handle(new FindHouseholdQuery("HH-9999", DEC_2023))).isEmpty();
    }

    @Test
    void theAssessmentWithTheLatestEffectiveDateGivesTheCurrentStatus() {
        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2022, DEC_2022, PovertyStatus.POOR), at(2), "a-2022", time(2));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.NEAR_POOR), at(3), "a-2023", time(3));

        HouseholdView view = current();
        assertThat(view.status()).isEqualTo(PovertyStatus.NEAR_POOR);
        assertThat(view.statusSince()).isEqualTo(DEC_2023);
        assertThat(view.lastReviewYear()).isEqualTo(2023);
        assertThat(view.rulebookId()).isEqualTo("decree-07-2021");
        assertThat(view.rulebookVersion()).isEqualTo(1);
        assertThat(view.position()).isEqualTo(3);
        assertThat(stored().getString("status")).isEqualTo("NEAR_POOR");
    }

    @Test
    void asOfAnswersTheStatusOnEachSideOfAnEffectiveDate() {
        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2022, DEC_2022, PovertyStatus.POOR), at(2), "a-2022", time(2));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.NEAR_POOR), at(3), "a-2023", time(3));

        assertThat(asOf(DEC_2022.minusDays(1)).status()).isEqualTo(PovertyStatus.UNASSESSED);
        assertThat(asOf(DEC_2022.minusDays(1)).lastReviewYear()).isNull();

        HouseholdView dayOf2022 = asOf(DEC_2022);
        assertThat(dayOf2022.status()).isEqualTo(PovertyStatus.POOR);
        assertThat(dayOf2022.statusSince()).isEqualTo(DEC_2022);
        assertThat(dayOf2022.lastReviewYear()).isEqualTo(2022);

        HouseholdView dayBefore2023 = asOf(DEC_2023.minusDays(1));
        assertThat(dayBefore2023.status()).isEqualTo(PovertyStatus.POOR);
        assertThat(dayBefore2023.asOf()).isEqualTo(DEC_2023.minusDays(1));

        HouseholdView dayOf2023 = asOf(DEC_2023);
        assertThat(dayOf2023.status()).isEqualTo(PovertyStatus.NEAR_POOR);
        assertThat(dayOf2023.statusSince()).isEqualTo(DEC_2023);
        assertThat(dayOf2023.position()).isEqualTo(3);
    }

    @Test
    void aBackDatedAssessmentRecordedLaterDoesNotOverrideALaterEffectiveOne() {
        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.NOT_POOR), at(2), "a-2023", time(2));
        projection.on(assessed(HH, 2022, DEC_2022, PovertyStatus.POOR), at(3), "a-2022", time(3));

        assertThat(current().status()).isEqualTo(PovertyStatus.NOT_POOR);
        assertThat(current().position()).isEqualTo(3);
        assertThat(asOf(DEC_2023.minusDays(1)).status()).isEqualTo(PovertyStatus.POOR);
    }

    @Test
    void onTheSameEffectiveDateTheLaterRecordedAssessmentWins() {
        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(2), "a-periodic", time(2));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.NEAR_POOR), at(5), "a-on-demand", time(5));

        assertThat(current().status()).isEqualTo(PovertyStatus.NEAR_POOR);
        assertThat(asOf(DEC_2023).status()).isEqualTo(PovertyStatus.NEAR_POOR);
    }

    @Test
    void asOfAnswersCommuneVillageAndMembersOnEachSideOfAMove() {
        LocalDate moveDate = LocalDate.of(2024, 6, 1);
        projection.on(registered(HH, COMMUNE, "Ban Na", 4, false), at(1), time(1));
        projection.on(moved(HH, OTHER_COMMUNE, "Ban Moi", 5, moveDate), at(2), time(2));

        HouseholdView before = asOf(moveDate.minusDays(1));
        assertThat(before.communeCode()).isEqualTo(COMMUNE);
        assertThat(before.village()).isEqualTo("Ban Na");
        assertThat(before.members()).isEqualTo(4);

        HouseholdView after = asOf(moveDate);
        assertThat(after.communeCode()).isEqualTo(OTHER_COMMUNE);
        assertThat(after.village()).isEqualTo("Ban Moi");
        assertThat(after.members()).isEqualTo(5);

        HouseholdView now = current();
        assertThat(now.communeCode()).isEqualTo(OTHER_COMMUNE);
        assertThat(now.members()).isEqualTo(5);
        assertThat(stored().getString("communeCode")).isEqualTo(OTHER_COMMUNE);
    }

    @Test
    void asOfBeforeTheRegistrationIsAnsweredFromTheDataAsRegistered() {
        projection.on(registered(HH, COMMUNE, "Ban Na", 4, false), at(1), time(1));
        projection.on(moved(HH, OTHER_COMMUNE, "Ban Moi", 5, LocalDate.of(2024, 6, 1)), at(2), time(2));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(3), "a-2023", time(3));

        HouseholdView longAgo = asOf(LocalDate.of(1990, 1, 1));
        assertThat(longAgo.communeCode()).isEqualTo(COMMUNE);
        assertThat(longAgo.village()).isEqualTo("Ban Na");
        assertThat(longAgo.members()).isEqualTo(4);
        assertThat(longAgo.status()).isEqualTo(PovertyStatus.UNASSESSED);
        assertThat(longAgo.asOf()).isEqualTo(LocalDate.of(1990, 1, 1));
        assertThat(longAgo.position()).isEqualTo(3);
    }

    @Test
    void aCorrectionReplacesTheOutcomeOfTheAssessmentItCorrects() {
        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(2), "a-2023", time(2));
        projection.on(corrected(HH, "a-2023", "a-2023", 2023, DEC_2023, PovertyStatus.POOR, PovertyStatus.NOT_POOR),
                at(3), "c-1", time(3));

        assertThat(current().status()).isEqualTo(PovertyStatus.NOT_POOR);
        assertThat(current().rulebookVersion()).isEqualTo(2);
        assertThat(asOf(DEC_2023).status()).isEqualTo(PovertyStatus.NOT_POOR);
        assertThat(asOf(DEC_2023.minusDays(1)).status()).isEqualTo(PovertyStatus.UNASSESSED);

        var assessments = HouseholdViewDocument.fromDocument(stored()).assessments();
        assertThat(assessments).singleElement().satisfies(a -> {
            assertThat(a.assessmentId()).isEqualTo("a-2023");
            assertThat(a.status()).isEqualTo(PovertyStatus.NOT_POOR);
            assertThat(a.recordedPosition()).isEqualTo(2);
            assertThat(a.position()).isEqualTo(3);
            assertThat(a.outcomeEventId()).isEqualTo("c-1");
        });
    }

    @Test
    void aCorrectionOfACorrectionReplacesTheSameAssessmentAgain() {
        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(2), "a-2023", time(2));
        projection.on(corrected(HH, "a-2023", "a-2023", 2023, DEC_2023, PovertyStatus.POOR, PovertyStatus.NOT_POOR),
                at(3), "c-1", time(3));
        projection.on(corrected(HH, "c-1", "a-2023", 2023, DEC_2023, PovertyStatus.NOT_POOR,
                PovertyStatus.NEAR_POOR), at(4), "c-2", time(4));

        assertThat(current().status()).isEqualTo(PovertyStatus.NEAR_POOR);
        assertThat(HouseholdViewDocument.fromDocument(stored()).assessments()).singleElement()
                .satisfies(a -> assertThat(a.outcomeEventId()).isEqualTo("c-2"));
    }

    @Test
    void aCorrectionThatMovesTheEffectiveDateMovesTheAsOfAnswers() {
        LocalDate corrected = DEC_2023.plusMonths(1);
        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(2), "a-2023", time(2));
        projection.on(corrected(HH, "a-2023", "a-2023", 2023, corrected, PovertyStatus.POOR, PovertyStatus.POOR),
                at(3), "c-1", time(3));

        assertThat(asOf(DEC_2023).status()).isEqualTo(PovertyStatus.UNASSESSED);
        assertThat(asOf(corrected).status()).isEqualTo(PovertyStatus.POOR);
        assertThat(asOf(corrected).statusSince()).isEqualTo(corrected);
    }

    @Test
    void applyingTheSameEventTwiceChangesNothing() {
        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(2), "a-2023", time(2));
        projection.on(moved(HH, OTHER_COMMUNE, "Ban Moi", 5, DEC_2023), at(3), time(3));
        Document once = stored();

        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(2), "a-2023", time(2));
        projection.on(moved(HH, OTHER_COMMUNE, "Ban Moi", 5, DEC_2023), at(3), time(3));

        assertThat(stored()).isEqualTo(once);
        assertThat(HouseholdViewDocument.fromDocument(stored()).details()).hasSize(2);
        assertThat(HouseholdViewDocument.fromDocument(stored()).assessments()).hasSize(1);
    }

    @Test
    void anEventAtOrBelowTheDocumentsPositionIsSkippedEvenIfItIsDifferent() {
        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(5), "a-2023", time(5));

        projection.on(assessed(HH, 2024, DEC_2023.plusYears(1), PovertyStatus.NOT_POOR), at(4), "a-late", time(4));

        assertThat(current().status()).isEqualTo(PovertyStatus.POOR);
        assertThat(current().position()).isEqualTo(5);
    }

    @Test
    void aReplayTokenIsReadForItsPosition() {
        TrackingToken replay = ReplayToken.createReplayToken(at(10), at(3));
        projection.on(registered(HH), replay, time(3));

        assertThat(current().position()).isEqualTo(3);
    }

    @Test
    void eventsOfAnUnregisteredHouseholdWriteNothing() {
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(2), "a-2023", time(2));

        assertThat(stored()).isNull();
    }

    @Test
    void aStatusChangeKeepsItsTransitionAndAdvancesThePosition() {
        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(2), "a-2023", time(2));
        projection.on(statusChanged(HH, PovertyStatus.UNASSESSED, PovertyStatus.POOR, "a-2023", 2023, DEC_2023),
                at(3), time(3));

        assertThat(current().status()).isEqualTo(PovertyStatus.POOR);
        assertThat(current().position()).isEqualTo(3);
        assertThat(current().recordedAt()).isEqualTo(time(3));
        assertThat(stored().getString(HouseholdViewDocument.TRANSITION)).isEqualTo("NEWLY_POOR");
        assertThat(stored().getInteger(HouseholdViewDocument.TRANSITION_YEAR)).isEqualTo(2023);
    }

    @Test
    void eachReviewYearKeepsItsLatestTransitionAndTheLatestOfAllIsTheCurrentOne() {
        projection.on(registered(HH), at(1), time(1));
        projection.on(assessed(HH, 2022, DEC_2022, PovertyStatus.POOR), at(2), "a-2022", time(2));
        projection.on(statusChanged(HH, PovertyStatus.UNASSESSED, PovertyStatus.POOR, "a-2022", 2022, DEC_2022),
                at(3), time(3));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.NOT_POOR), at(4), "a-2023", time(4));
        projection.on(statusChanged(HH, PovertyStatus.POOR, PovertyStatus.NOT_POOR, "a-2023", 2023, DEC_2023),
                at(5), time(5));
        // the 2023 review is corrected: the household was near-poor, and that change replaces 2023's
        projection.on(corrected(HH, "a-2023", "a-2023", 2023, DEC_2023, PovertyStatus.NOT_POOR,
                PovertyStatus.NEAR_POOR), at(6), "c-2023", time(6));
        projection.on(statusChanged(HH, PovertyStatus.NOT_POOR, PovertyStatus.NEAR_POOR, "a-2023", 2023, DEC_2023),
                at(7), time(7));

        HouseholdViewDocument document = HouseholdViewDocument.fromDocument(stored());
        assertThat(document.transitions()).containsExactly(
                new TransitionEntry(2022, StatusTransition.NEWLY_POOR, "a-2022", 3),
                new TransitionEntry(2023, StatusTransition.NEWLY_NEAR_POOR, "a-2023", 7));
        assertThat(stored().getString(HouseholdViewDocument.TRANSITION)).isEqualTo("NEWLY_NEAR_POOR");
        assertThat(stored().getInteger(HouseholdViewDocument.TRANSITION_YEAR)).isEqualTo(2023);
    }

    @Test
    void aHouseholdWithoutStatusChangeHasNoTransition() {
        projection.on(registered(HH), at(1), time(1));

        assertThat(stored().getString(HouseholdViewDocument.TRANSITION)).isNull();
        assertThat(stored().getList(HouseholdViewDocument.TRANSITIONS, Document.class)).isEmpty();
    }

    @Test
    void theProjectionRecordsTheHighestPositionItWrote() {
        projection.on(registered(HH), at(4), time(4));
        projection.on(registered("HH-0002"), at(9), time(9));
        projection.on(registered("HH-0003"), at(6), time(6));

        assertThat(new ProjectionPositions(database).position(HouseholdViewProjection.PROCESSING_GROUP))
                .isEqualTo(9);
    }

    @Test
    void theResetHandlerEmptiesTheCollectionAndForgetsThePosition() {
        projection.on(registered(HH), at(1), time(1));
        projection.on(registered("HH-0002"), at(2), time(2));

        projection.reset();

        assertThat(EmbeddedMongo.documents(database, HouseholdViewDocument.COLLECTION)).isZero();
        assertThat(new ProjectionPositions(database).position(HouseholdViewProjection.PROCESSING_GROUP))
                .isEqualTo(ProjectionPositions.NONE);
        projection.on(registered(HH), at(1), time(1));
        assertThat(current().position()).isEqualTo(1);
    }
}
