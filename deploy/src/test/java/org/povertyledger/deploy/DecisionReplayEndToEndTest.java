package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.shared.audit.event.DecisionReplayCompletedEvent;
import org.povertyledger.shared.audit.event.DecisionReplayStartedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Decision replay over HTTP on the embedded store: decisions recorded through the API agree with their rulebook;
 * an assessment written straight through the storage engine, as an insider with store access could, whose status
 * does not follow from its inputs is reported DIVERGES with the criterion; one naming an unregistered rulebook is
 * UNKNOWN_RULEBOOK; scopes combine; the replay is itself in the ledger; roles, bad input and retries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DecisionReplayEndToEndTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
    }

    private static final List<String> FOUR = List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER",
            "TELECOM_USE");

    @LocalServerPort
    int port;

    @Autowired
    MongoLedgerStorageEngine engine;

    @Autowired
    EventStore eventStore;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private String registered(String commune) {
        String id = "HH-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("householdId", id);
        body.put("communeCode", commune);
        body.put("village", "Buon Jun");
        body.put("area", "RURAL");
        body.put("headName", "Y Thi Mlo");
        body.put("ethnicity", "M'nong");
        body.put("ethnicMinority", true);
        body.put("members", 5);
        assertThat(api.post("officer", "/api/households", body).status()).isEqualTo(201);
        return id;
    }

    private JsonNode assess(String household, int year, long income, List<String> deprivations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewYear", year);
        body.put("reviewKind", "PERIODIC");
        body.put("surveyDate", year + "-10-15");
        body.put("incomePerCapitaMonthly", income);
        body.put("livelihood", "OTHER");
        body.put("deprivations", deprivations);
        body.put("decisionRef", "QD-" + year + "/UBND");
        body.put("effectiveDate", year + "-12-15");
        ApiClient.Response response = api.post("officer", "/api/households/" + household + "/assessments", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** Appends an assessment as the storage engine would take it from anyone with access to it. */
    private long tamper(String household, String rulebookId, long income, PovertyStatus status) {
        long next = engine.lastSequenceNumberFor(household).orElseThrow() + 1;
        AssessmentRecordedEvent forged = new AssessmentRecordedEvent(new HouseholdId(household), 2024,
                ReviewKind.ON_DEMAND, LocalDate.of(2024, 11, 2), Area.RURAL, income, Livelihood.OTHER,
                new TreeSet<>(FOUR), "QD-forged/UBND", LocalDate.of(2024, 11, 3), rulebookId, 1, 4, status);
        engine.appendEvents(new GenericDomainEventMessage<>("Household", household, next, forged,
                MetaData.with("actorId", "insider")));
        return engine.head().position();
    }

    private ApiClient.Response replay(String user, Map<String, Object> scope) {
        return api.post(user, "/api/audit/replays", scope);
    }

    @Test
    void reportsEachRecordedDecisionAndNamesTheCriterionOfAForgedOne() {
        String household = registered("24541");
        long first = assess(household, 2022, 1_200_000, FOUR).get("position").asLong();
        String assessmentId = assess(household, 2023, 1_300_000, List.of("TELECOM_USE")).get("eventId").asText();
        Map<String, Object> correction = new LinkedHashMap<>();
        correction.put("surveyDate", "2023-11-20");
        correction.put("incomePerCapitaMonthly", 1_300_000);
        correction.put("livelihood", "OTHER");
        correction.put("deprivations", FOUR);
        correction.put("decisionRef", "QD-2023b/UBND");
        correction.put("effectiveDate", "2023-12-20");
        correction.put("reason", "survey re-checked");
        assertThat(api.post("officer", "/api/households/" + household + "/assessments/" + assessmentId
                + "/corrections", correction).status()).isEqualTo(201);
        long forged = tamper(household, "VN-DECREE-07-2021", 3_000_000, PovertyStatus.POOR);
        tamper(household, "VN-PROVINCE-99-2024", 1_000_000, PovertyStatus.POOR);
        String other = registered("24544");
        assess(other, 2024, 2_500_000, List.of());

        ApiClient.Response started = replay("auditor", Map.of("householdId", household));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode summary = started.json();
        assertThat(summary.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(summary.get("decisionsTotal").asLong()).isEqualTo(5);
        assertThat(summary.get("counts").get("AGREES").asLong()).isEqualTo(3);
        assertThat(summary.get("counts").get("DIVERGES").asLong()).isEqualTo(1);
        assertThat(summary.get("counts").get("UNKNOWN_RULEBOOK").asLong()).isEqualTo(1);
        assertThat(summary.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(summary.get("requestedBy").asText()).isEqualTo("auditor");
        String replayId = summary.get("replayId").asText();
        assertThat(started.header("Location")).isEqualTo("/api/audit/replays/" + replayId);

        JsonNode diverging = api.get("auditor", "/api/audit/replays/" + replayId + "?outcome=DIVERGES").json();
        JsonNode item = diverging.get("results").get("items");
        assertThat(item.size()).isEqualTo(1);
        JsonNode verdict = item.get(0);
        assertThat(verdict.get("position").asLong()).isEqualTo(forged);
        assertThat(verdict.get("decidedBy").asText()).isEqualTo("insider");
        assertThat(verdict.get("recorded").get("status").asText()).isEqualTo("POOR");
        assertThat(verdict.get("replayed").get("status").asText()).isEqualTo("NOT_POOR");
        assertThat(verdict.get("replayed").get("incomeLine").asLong()).isEqualTo(1_500_000);
        JsonNode difference = verdict.get("differences").get(0);
        assertThat(difference.get("criterion").asText()).isEqualTo("STATUS");
        assertThat(difference.get("rule").asText()).isEqualTo("INCOME_VS_LINE");
        assertThat(verdict.get("inputs").get("incomePerCapitaMonthly").asLong()).isEqualTo(3_000_000);

        JsonNode all = api.get("auditor", "/api/audit/replays/" + replayId + "?limit=2&offset=1").json();
        List<String> kinds = new ArrayList<>();
        all.get("results").get("items").forEach(i -> kinds.add(i.get("kind").asText()));
        assertThat(kinds).containsExactly("ASSESSMENT", "CORRECTION");
        JsonNode unknown = api.get("auditor", "/api/audit/replays/" + replayId + "?outcome=UNKNOWN_RULEBOOK").json()
                .get("results").get("items");
        assertThat(unknown.get(0).get("rulebook").get("id").asText()).isEqualTo("VN-PROVINCE-99-2024");
        assertThat(unknown.get(0).get("replayed").isNull()).isTrue();

        // the replay is itself in the ledger: who, the scope, the range, and what it found
        List<DomainEventMessage<?>> recorded = new ArrayList<>();
        eventStore.readEvents(replayId).forEachRemaining(recorded::add);
        assertThat(recorded).extracting(m -> m.getPayloadType().getSimpleName())
                .containsExactly("DecisionReplayStartedEvent", "DecisionReplayCompletedEvent");
        DecisionReplayStartedEvent start = (DecisionReplayStartedEvent) recorded.get(0).getPayload();
        assertThat(start.scope().householdId().value()).isEqualTo(household);
        assertThat(recorded.get(0).getMetaData().get("actorId")).isEqualTo("auditor");
        DecisionReplayCompletedEvent end = (DecisionReplayCompletedEvent) recorded.get(1).getPayload();
        assertThat(end.counts().diverges()).isEqualTo(1);
        assertThat(end.toPosition()).isEqualTo(start.toPosition()).isLessThan(
                summary.get("startedPosition").asLong());
        assertThat(end.resultsDigest()).isEqualTo(summary.get("resultsDigest").asText()).hasSize(64);
        assertThat(recorded.get(1).getMetaData().get("actorId")).isEqualTo("auditor");

        // scopes combine: a commune, a review year within a household, a log range
        JsonNode commune = replay("admin", Map.of("communeCode", "24544")).json();
        assertThat(commune.get("decisionsTotal").asLong()).as(commune.toString()).isEqualTo(1);
        JsonNode year = replay("auditor", Map.of("householdId", household, "reviewYear", 2023)).json();
        assertThat(year.get("decisionsTotal").asLong()).isEqualTo(2);
        JsonNode range = replay("auditor", Map.of("fromPosition", first, "toPosition", forged)).json();
        assertThat(range.get("decisionsTotal").asLong()).isEqualTo(4);
        assertThat(range.get("counts").get("DIVERGES").asLong()).isEqualTo(1);
        JsonNode listed = api.get("auditor", "/api/audit/replays").json();
        assertThat(listed.get("replays").size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void onlyAuditorsAndAdminsReplayAndBadScopesAreRefusedNamingTheField() {
        ApiClient.Response officer = replay("officer", Map.of());
        assertThat(officer.status()).isEqualTo(403);
        ApiClient.Response integrator = api.get("integrator", "/api/audit/replays");
        assertThat(integrator.status()).isEqualTo(403);

        long head = engine.head().position();
        assertRefused(replay("auditor", Map.of("toPosition", head + 1000)), "toPosition", "max:head");
        assertRefused(replay("auditor", Map.of("fromPosition", 0)), "fromPosition", "min:1");
        assertRefused(replay("auditor", Map.of("fromPosition", 5, "toPosition", 3)), "toPosition",
                "not-before-fromPosition");
        assertRefused(replay("auditor", Map.of("communeCode", "12")), "communeCode", null);
        assertRefused(replay("auditor", Map.of("reviewYear", 1990)), "reviewYear", null);
        assertThat(engine.head().position()).as("a refused replay writes nothing").isEqualTo(head);

        ApiClient.Response missing = api.get("auditor", "/api/audit/replays/rpl_doesnotexist1");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("REPLAY_NOT_FOUND");

        String key = UUID.randomUUID().toString();
        ApiClient.Response once = api.post("auditor", "/api/audit/replays", Map.of(), key);
        ApiClient.Response again = api.post("auditor", "/api/audit/replays", Map.of(), key);
        assertThat(again.json().get("replayId").asText()).isEqualTo(once.json().get("replayId").asText());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        String replayId = once.json().get("replayId").asText();
        assertRefused(api.get("auditor", "/api/audit/replays/" + replayId + "?outcome=MAYBE"), "outcome", "one-of");
        assertRefused(api.get("auditor", "/api/audit/replays/" + replayId + "?limit=0"), "limit", null);
    }

    private static void assertRefused(ApiClient.Response response, String field, String rule) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        if (rule != null) {
            assertThat(response.json().get("rule").asText()).isEqualTo(rule);
        }
    }
}
