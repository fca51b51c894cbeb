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
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.support.EmbeddedMongo;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.household.query.FindHouseholdHistoryQuery;
import org.povertyledger.shared.household.query.HistoryEntry;
import org.povertyledger.shared.household.query.HouseholdHistoryView;
import org.povertyledger.shared.household.value.PovertyStatus;

import com.mongodb.client.MongoDatabase;

/** The household history projection, its handlers called directly, read back through the query handler. */
class HouseholdHistoryProjectionTest {

    private static final String HH = "HH-0001";
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00.123456789Z");
    private static final LocalDate DEC_2022 = LocalDate.of(2022, 12, 15);
    private static final LocalDate DEC_2023 = LocalDate.of(2023, 12, 15);

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private MongoDatabase database;
    private HouseholdHistoryProjection projection;
    private HouseholdQueryHandler queries;

    @BeforeEach
    void setUp() {
        database = mongo.freshDatabase();
        projection = new HouseholdHistoryProjection(database);
        queries = new HouseholdQueryHandler(database);
    }

    private static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private static Instant time(long position) {
        return T0.plusSeconds(position);
    }

    private static MetaData officer(String correlationId) {
        return MetaData.from(Map.of(
                MetadataKeys.ACTOR_ID, "officer-17",
                MetadataKeys.ACTOR_ROLE, "OFFICER",
                MetadataKeys.CORRELATION_ID, correlationId,
                MetadataKeys.LEGAL_BASIS, "QD-01/2024",
                MetadataKeys.EFFECTIVE_DATE, "2024-01-02"));
    }

    private HouseholdHistoryView history() {
        return queries.handle(new FindHouseholdHistoryQuery(HH)).orElseThrow();
    }

    private Document stored() {
        return EmbeddedMongo.byId(database, HouseholdHistoryDocument.COLLECTION, HH);
    }

    /** Registration, a move, a 2023 assessment, its status change and a correction. */
    private void typicalLife() {
        projection.on(registered(HH), at(1), "e-1", time(1), officer("c-1"));
        projection.on(moved(HH, OTHER_COMMUNE, "Ban Moi", 5, LocalDate.of(2023, 6, 1)), at(2), "e-2", time(2),
                officer("c-2"));
        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(3), "e-3", time(3), officer("c-3"));
        projection.on(statusChanged(HH, PovertyStatus.UNASSESSED, PovertyStatus.POOR, "e-3", 2023, DEC_2023), at(4),
                "e-4", time(4), officer("c-3"));
        projection.on(corrected(HH, "e-3", "e-3", 2023, DEC_2023, PovertyStatus.POOR, PovertyStatus.NEAR_POOR), at(5),
                "e-5", time(5), MetaData.with(MetadataKeys.ACTOR_ID, "admin-1"));
    }

    @Test
    void eachEventBecomesAnEntryInLogOrderWithItsPositionIdTypeAndTime() {
        typicalLife();

        HouseholdHistoryView history = history();
        assertThat(history.householdId()).isEqualTo(HH);
        assertThat(history.position()).isEqualTo(5);
        assertThat(history.entries()).extracting(HistoryEntry::position).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(history.entries()).extracting(HistoryEntry::eventId)
                .containsExactly("e-1", "e-2", "e-3", "e-4", "e-5");
        assertThat(history.entries()).extracting(HistoryEntry::eventType).containsExactly(
                "HouseholdRegisteredEvent", "HouseholdDetailsUpdatedEvent", "AssessmentRecordedEvent",
                "HouseholdStatusChangedEvent", "AssessmentCorrectedEvent");
        assertThat(history.entries()).extracting(HistoryEntry::recordedAt)
                .containsExactly(time(1), time(2), time(3), time(4), time(5));
    }

    @Test
    void entriesCarryActorRoleCorrelationLegalBasisAndReason() {
        typicalLife();
        List<HistoryEntry> entries = history().entries();

        HistoryEntry registration = entries.get(0);
        assertThat(registration.actorId()).isEqualTo("officer-17");
        assertThat(registration.actorRole()).isEqualTo("OFFICER");
        assertThat(registration.correlationId()).isEqualTo("c-1");
        assertThat(registration.legalBasis()).isEqualTo("QD-01/2024");
        assertThat(registration.reason()).isNull();

        HistoryEntry move = entries.get(1);
        assertThat(move.reason()).isEqualTo("moved after the flood");

        HistoryEntry assessment = entries.get(2);
        assertThat(assessment.legalBasis()).as("the event's own decision reference").isEqualTo("QD-12/2023");

        HistoryEntry correction = entries.get(4);
        assertThat(correction.actorId()).isEqualTo("admin-1");
        assertThat(correction.actorRole()).isNull();
        assertThat(correction.correlationId()).isNull();
        assertThat(correction.reason()).isEqualTo("income was typed without a digit");
    }

    @Test
    void theEffectiveDateComesFromTheEventAndOtherwiseFromTheMetadata() {
        typicalLife();
        List<HistoryEntry> entries = history().entries();

        assertThat(entries).extracting(HistoryEntry::effectiveDate).containsExactly(
                LocalDate.of(2024, 1, 2), LocalDate.of(2023, 6, 1), DEC_2023, DEC_2023, DEC_2023);
    }

    @Test
    void entriesTellTheStatusBeforeAndAfterEachEvent() {
        typicalLife();
        projection.on(assessed(HH, 2022, DEC_2022, PovertyStatus.POOR), at(6), "e-6", time(6), MetaData.emptyInstance());
        projection.on(assessed(HH, 2024, DEC_2023.plusYears(1), PovertyStatus.NOT_POOR), at(7), "e-7", time(7),
                MetaData.emptyInstance());

        List<HistoryEntry> entries = history().entries();
        assertThat(entries).extracting(HistoryEntry::statusBefore).containsExactly(
                null,
                PovertyStatus.UNASSESSED,
                PovertyStatus.UNASSESSED,
                PovertyStatus.UNASSESSED,
                PovertyStatus.POOR,
                PovertyStatus.NEAR_POOR,
                PovertyStatus.NEAR_POOR);
        assertThat(entries).extracting(HistoryEntry::statusAfter).containsExactly(
                PovertyStatus.UNASSESSED,
                PovertyStatus.UNASSESSED,
                PovertyStatus.POOR,
                PovertyStatus.POOR,
                PovertyStatus.NEAR_POOR,
                // a back-dated 2022 assessment does not replace the later-effective 2023 outcome
                PovertyStatus.NEAR_POOR,
                PovertyStatus.NOT_POOR);
    }

    @Test
    void thePayloadHoldsTheEventsFieldsAsPlainValues() {
        typicalLife();

        Map<String, Object> registration = history().entries().get(0).payload();
        assertThat(registration).containsEntry("householdId", HH)
                .containsEntry("communeCode", COMMUNE)
                .containsEntry("village", "Ban Na")
                .containsEntry("area", "RURAL")
                .containsEntry("ethnicMinority", true)
                .containsEntry("members", 4);

        Map<String, Object> assessment = history().entries().get(2).payload();
        assertThat(assessment).containsEntry("reviewYear", 2023)
                .containsEntry("reviewKind", "PERIODIC")
                .containsEntry("effectiveDate", "2023-12-15")
                .containsEntry("incomePerCapitaMonthly", 1_200_000L)
                .containsEntry("deprivations", List.of("HEALTH_INSURANCE", "HOUSING_AREA"))
                .containsEntry("status", "POOR");

        Map<String, Object> correction = history().entries().get(4).payload();
        assertThat(correction).containsEntry("correctedEventId", "e-3").containsEntry("previousStatus", "POOR");
    }

    @Test
    void applyingTheSameEventTwiceChangesNothing() {
        typicalLife();
        Document once = stored();

        projection.on(assessed(HH, 2023, DEC_2023, PovertyStatus.POOR), at(3), "e-3", time(3), officer("c-3"));
        projection.on(corrected(HH, "e-3", "e-3", 2023, DEC_2023, PovertyStatus.POOR, PovertyStatus.NEAR_POOR), at(5),
                "e-5", time(5), MetaData.with(MetadataKeys.ACTOR_ID, "admin-1"));

        assertThat(stored()).isEqualTo(once);
        assertThat(history().entries()).hasSize(5);
    }

    @Test
    void unknownHouseholdHasNoHistory() {
        typicalLife();

        assertThat(queries.handle(new FindHouseholdHistoryQuery("HH-9999"))).isEmpty();
    }

    @Test
    void theResetHandlerEmptiesTheCollection() {
        typicalLife();

        projection.reset();

        assertThat(EmbeddedMongo.documents(database, HouseholdHistoryDocument.COLLECTION)).isZero();
    }
}
