package org.povertyledger.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.feed.FeedEventCatalogue;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.PersonalDataErasedEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;

class FeedEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2024-05-01T08:30:00Z");

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final FeedEncoder encoder = new FeedEncoder(URI.create("urn:test:ledger"), "urn:test:schema:",
            new HouseholdUnits(storage));

    private static GenericDomainEventMessage<?> message(String household, long seq, Object payload) {
        return new GenericDomainEventMessage<>("Household", household, seq, payload,
                Map.of(MetadataKeys.EFFECTIVE_DATE, "2024-04-30", MetadataKeys.LEGAL_BASIS, "QD-7/2024"),
                household + "/" + seq, T);
    }

    private static HouseholdRegisteredEvent registered(String id, String commune) {
        return new HouseholdRegisteredEvent(new HouseholdId(id), new CommuneCode(commune), "Buon Jun", Area.RURAL,
                "Y Thi Mlo", "M'nong", true, 5);
    }

    private static AssessmentRecordedEvent assessed(String id) {
        return new AssessmentRecordedEvent(new HouseholdId(id), 2023, ReviewKind.PERIODIC, LocalDate.of(2023, 10, 1),
                Area.RURAL, 1_200_000, Livelihood.OTHER, new TreeSet<>(List.of("NUTRITION")), "QD-1",
                LocalDate.of(2023, 12, 15), "VN-DECREE-07-2021", 1, 1, PovertyStatus.NEAR_POOR);
    }

    @Test
    void writesACloudEventWithTheExternalNamePositionUnitAndEffectiveDate() throws Exception {
        var message = message("HH-1", 0, registered("HH-1", "24541"));
        var type = FeedEncoder.typeOf(message);
        FeedItem item = encoder.encode(message, type, 42, encoder.unitOf(message), false);
        JsonNode event = JSON.readTree(item.json());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo("HH-1/0");
        assertThat(event.get("source").asText()).isEqualTo("urn:test:ledger");
        assertThat(event.get("type").asText()).isEqualTo("household.registered.v1");
        assertThat(event.get("subject").asText()).isEqualTo("HH-1");
        assertThat(Instant.parse(event.get("time").asText())).isEqualTo(T);
        assertThat(event.get("position").asLong()).isEqualTo(42);
        assertThat(event.get("unit").asText()).isEqualTo("24541");
        assertThat(event.get("effectivedate").asText()).isEqualTo("2024-04-30");
        assertThat(event.get("legalbasis").asText()).isEqualTo("QD-7/2024");
        assertThat(event.get("dataschema").asText()).isEqualTo("urn:test:schema:household.registered.v1");
        assertThat(event.get("data").get("communeCode").asText()).isEqualTo("24541");
    }

    @Test
    void publishesAnErasureWithItsCommuneAndLegalBasisButNeitherTheUserNorTheRequestReference() throws Exception {
        var message = message("HH-3", 1, new PersonalDataErasedEvent(new HouseholdId("HH-3"), "admin.hoa",
                Instant.parse("2026-12-01T09:00:00Z"), "13/2023/ND-CP art. 16", "DSR-2026-0042"));
        storage.appendEvents(message("HH-3", 0, registered("HH-3", "24547")), message);
        var type = FeedEncoder.typeOf(message);
        assertThat(type.name()).isEqualTo("household.personal-data-erased.v1");
        assertThat(type.personalFields()).isEmpty();
        JsonNode event = JSON.readTree(encoder.encode(message, type, 7, encoder.unitOf(message), true).json());
        assertThat(event.get("unit").asText()).isEqualTo("24547");
        assertThat(event.get("data").toString()).isEqualTo("{\"householdId\":\"HH-3\",\"communeCode\":\"24547\","
                + "\"erasedAt\":\"2026-12-01T09:00:00Z\",\"legalBasis\":\"13/2023/ND-CP art. 16\"}");
        assertThat(event.toString()).doesNotContain("admin.hoa").doesNotContain("DSR-2026-0042");
    }

    @Test
    void leavesThePersonalFieldsOutUnlessAsked() throws Exception {
        var message = message("HH-1", 0, registered("HH-1", "24541"));
        var type = FeedEventCatalogue.byName("household.registered.v1").orElseThrow();
        JsonNode without = JSON.readTree(encoder.encode(message, type, 1, null, false).json()).get("data");
        JsonNode with = JSON.readTree(encoder.encode(message, type, 1, null, true).json()).get("data");
        for (String field : type.personalFields()) {
            assertThat(without.has(field)).isFalse();
            assertThat(with.has(field)).isTrue();
        }
        assertThat(with.get("headName").asText()).isEqualTo("Y Thi Mlo");
        assertThat(without.get("ethnicMinority").asBoolean()).isTrue();
    }

    @Test
    void givesEachHouseholdEventTheCommuneItWasInThenReadingTheStreamWhenStartingMidway() {
        storage.appendEvents(message("HH-2", 0, registered("HH-2", "24541")), message("HH-2", 1, assessed("HH-2")),
                message("HH-2", 2, new HouseholdDetailsUpdatedEvent(new HouseholdId("HH-2"), new CommuneCode("24544"),
                        "Buon Moi", 5, LocalDate.of(2024, 1, 1), "moved")),
                message("HH-2", 3, assessed("HH-2")));
        // A fresh reader meeting the household first at sequence 1, then 3: both out of context.
        HouseholdUnits fresh = new HouseholdUnits(storage);
        assertThat(fresh.unitOf(message("HH-2", 3, assessed("HH-2")))).isEqualTo("24544");
        assertThat(fresh.unitOf(message("HH-2", 1, assessed("HH-2")))).isEqualTo("24541");
        // A reader going forward learns from the events themselves.
        HouseholdUnits forward = new HouseholdUnits(new InMemoryEventStorageEngine());
        assertThat(forward.unitOf(message("HH-3", 0, registered("HH-3", "24550")))).isEqualTo("24550");
        assertThat(forward.unitOf(message("HH-3", 1, assessed("HH-3")))).isEqualTo("24550");
        assertThat(forward.unitOf(message("HH-3", 2, new HouseholdDetailsUpdatedEvent(new HouseholdId("HH-3"),
                new CommuneCode("24547"), "B", 2, LocalDate.of(2024, 1, 1), "moved")))).isEqualTo("24547");
        assertThat(forward.unitOf(message("HH-3", 3, assessed("HH-3")))).isEqualTo("24547");
    }
}
