package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the real application on a random port with the embedded store and drives it over HTTP:
 * register, assess across review years, history, as-of, idempotent retries, every error case,
 * authentication and roles, and tamper detection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // Spring Boot tests turn metrics export (and /actuator/prometheus) off otherwise
class HouseholdApiEndToEndTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    static Map<String, Object> household(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("householdId", id);
        body.put("communeCode", "24541");
        body.put("village", "Buon Jun");
        body.put("area", "RURAL");
        body.put("headName", "Y Thi Mlo");
        body.put("ethnicity", "M'nong");
        body.put("ethnicMinority", true);
        body.put("members", 5);
        return body;
    }

    private static Map<String, Object> assessment(int year, String kind, long income, List<String> deprivations,
                                                  String effectiveDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewYear", year);
        body.put("reviewKind", kind);
        body.put("surveyDate", year + "-10-15");
        body.put("incomePerCapitaMonthly", income);
        body.put("livelihood", "FARMING_FORESTRY_FISHERY_SALT");
        body.put("deprivations", deprivations);
        body.put("decisionRef", "QD-" + year + "/UBND");
        body.put("effectiveDate", effectiveDate);
        return body;
    }

    private static final List<String> FOUR = List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER", "TELECOM_USE");

    private String registered() {
        String id = "HH-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response response = api.post("officer", "/api/households", household(id));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return id;
    }

    private long head() {
        JsonNode verify = api.get("auditor", "/api/ledger/verify").json();
        return verify.get("headPosition").asLong();
    }

    @Test
    void reclassifiesAcrossReviewYearsWithNamedTransitionsHistoryAndAsOf() {
        String id = registered();

        ApiClient.Response poor = api.post("officer", "/api/households/" + id + "/assessments",
                assessment(2022, "PERIODIC", 1_200_000, FOUR, "2022-12-15"));
        assertThat(poor.status()).as(poor.body()).isEqualTo(201);
        assertThat(poor.json().get("status").asText()).isEqualTo("POOR");
        assertThat(poor.json().get("transition").asText()).isEqualTo("NEWLY_POOR");
        assertThat(poor.json().get("rulebook").get("id").asText()).isEqualTo("VN-DECREE-07-2021");
        assertThat(poor.json().get("position").asLong()).isPositive();

        ApiClient.Response escaped = api.post("officer", "/api/households/" + id + "/assessments",
                assessment(2023, "PERIODIC", 2_600_000, List.of("TELECOM_USE"), "2023-12-15"));
        assertThat(escaped.json().get("status").asText()).isEqualTo("NOT_POOR");
        assertThat(escaped.json().get("transition").asText()).isEqualTo("ESCAPED_POVERTY");

        ApiClient.Response repoor = api.post("officer", "/api/households/" + id + "/assessments",
                assessment(2024, "PERIODIC", 1_400_000, FOUR, "2024-12-15"));
        assertThat(repoor.json().get("transition").asText()).isEqualTo("RE_POOR");
        long lastPosition = repoor.json().get("events").get(1).get("position").asLong();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = api.get("auditor", "/api/households/" + id).json();
            assertThat(view.get("status").asText()).isEqualTo("POOR");
            assertThat(view.get("position").asLong()).isEqualTo(lastPosition);
        });
        JsonNode asOf2023 = api.get("auditor", "/api/households/" + id + "?asOf=2024-06-30").json();
        assertThat(asOf2023.get("status").asText()).isEqualTo("NOT_POOR");
        JsonNode asOfBefore = api.get("auditor", "/api/households/" + id + "?asOf=2022-01-01").json();
        assertThat(asOfBefore.get("status").asText()).isEqualTo("UNASSESSED");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode history = api.get("auditor", "/api/households/" + id + "/history").json();
            assertThat(history.get("entries")).hasSize(7);
        });
        JsonNode entries = api.get("auditor", "/api/households/" + id + "/history").json().get("entries");
        List<String> types = new ArrayList<>();
        long previous = 0;
        for (JsonNode entry : entries) {
            types.add(entry.get("eventType").asText());
            assertThat(entry.get("position").asLong()).isGreaterThan(previous);
            previous = entry.get("position").asLong();
            assertThat(entry.get("actorId").asText()).isEqualTo("officer");
            assertThat(entry.get("actorRole").asText()).isEqualTo("OFFICER");
        }
        assertThat(types).containsExactly("HouseholdRegisteredEvent",
                "AssessmentRecordedEvent", "HouseholdStatusChangedEvent",
                "AssessmentRecordedEvent", "HouseholdStatusChangedEvent",
                "AssessmentRecordedEvent", "HouseholdStatusChangedEvent");
        assertThat(entries.get(1).get("legalBasis").asText()).isEqualTo("QD-2022/UBND");
        assertThat(entries.get(2).get("statusBefore").asText()).isEqualTo("UNASSESSED");
        assertThat(entries.get(2).get("statusAfter").asText()).isEqualTo("POOR");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode page = api.get("auditor", "/api/households?communeCode=24541&status=POOR&size=500").json();
            assertThat(page.get("items").findValuesAsText("householdId")).contains(id);
        });
    }

    @Test
    void correctionIsANewEventAndChangesTheStatus() {
        String id = registered();
        ApiClient.Response assessed = api.post("officer", "/api/households/" + id + "/assessments",
                assessment(2022, "PERIODIC", 1_200_000, FOUR, "2022-12-15"));
        String assessmentId = assessed.json().get("assessmentId").asText();

        Map<String, Object> correction = new LinkedHashMap<>(assessment(2022, "PERIODIC", 1_200_000,
                List.of("TELECOM_USE"), "2022-12-15"));
        correction.remove("reviewYear");
        correction.remove("reviewKind");
        correction.put("reason", "survey counted a neighbour's water source");
        ApiClient.Response corrected = api.post("officer",
                "/api/households/" + id + "/assessments/" + assessmentId + "/corrections", correction);
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(corrected.json().get("status").asText()).isEqualTo("NEAR_POOR");
        assertThat(corrected.json().get("transition").asText()).isEqualTo("POOR_TO_NEAR_POOR");

        correction.remove("reason");
        ApiClient.Response noReason = api.post("officer",
                "/api/households/" + id + "/assessments/" + assessmentId + "/corrections", correction);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("field").asText()).isEqualTo("reason");

        correction.put("reason", "x");
        ApiClient.Response unknown = api.post("officer",
                "/api/households/" + id + "/assessments/no-such-event/corrections", correction);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("ASSESSMENT_NOT_FOUND");
    }

    @Test
    void retriedRequestReplaysTheFirstResponseAndWritesNothing() {
        String id = "HH-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = api.post("officer", "/api/households", household(id), key);
        assertThat(first.status()).isEqualTo(201);
        long headAfterFirst = head();

        ApiClient.Response retry = api.post("officer", "/api/households", household(id), key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(head()).isEqualTo(headAfterFirst);

        Map<String, Object> other = household(id);
        other.put("members", 6);
        ApiClient.Response reused = api.post("officer", "/api/households", other, key);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(head()).isEqualTo(headAfterFirst);

        ApiClient.Response missingKey = api.post("officer", "/api/households", household("HH-nokey"), null);
        assertThat(missingKey.status()).isEqualTo(400);
        assertThat(missingKey.json().get("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndWritesNothing() {
        String id = registered();
        long before = head();

        Map<String, Object> missing = household("HH-missing");
        missing.remove("village");
        assertProblem(api.post("officer", "/api/households", missing), 400, "VALIDATION_FAILED", "village");

        Map<String, Object> wrongType = household("HH-wrongtype");
        wrongType.put("members", "five");
        assertProblem(api.post("officer", "/api/households", wrongType), 400, "VALIDATION_FAILED", "members");

        Map<String, Object> badEnum = household("HH-badenum");
        badEnum.put("area", "SUBURBAN");
        ApiClient.Response enumProblem = api.post("officer", "/api/households", badEnum);
        assertProblem(enumProblem, 400, "VALIDATION_FAILED", "area");
        assertThat(enumProblem.json().get("allowed").toString()).contains("RURAL", "URBAN");

        Map<String, Object> badCommune = household("HH-badcommune");
        badCommune.put("communeCode", "12");
        assertProblem(api.post("officer", "/api/households", badCommune), 400, "VALIDATION_FAILED", "communeCode");

        Map<String, Object> unknownProperty = household("HH-unknownprop");
        unknownProperty.put("colour", "blue");
        assertProblem(api.post("officer", "/api/households", unknownProperty), 400, "VALIDATION_FAILED", "colour");

        assertProblem(api.post("officer", "/api/households", "{\"householdId\": "), 400, "VALIDATION_FAILED", "body");
        assertProblem(api.post("officer", "/api/households", "x".repeat(70_000)), 413, "VALIDATION_FAILED", "body");

        assertProblem(api.post("officer", "/api/households/" + id + "/assessments",
                assessment(2022, "PERIODIC", -1, FOUR, "2022-12-15")), 400, "VALIDATION_FAILED", "incomePerCapitaMonthly");
        assertProblem(api.post("officer", "/api/households/" + id + "/assessments",
                        assessment(2022, "PERIODIC", 1_000_000, List.of("INFORMATION_ASSETS"), "2022-12-15")),
                400, "UNKNOWN_DEPRIVATION", "deprivations");
        assertProblem(api.post("officer", "/api/households/" + id + "/assessments",
                assessment(2031, "PERIODIC", 1_000_000, FOUR, "2031-12-15")), 400, "NO_RULEBOOK_FOR_YEAR", "reviewYear");
        assertProblem(api.post("officer", "/api/households/HH-nobody/assessments",
                assessment(2022, "PERIODIC", 1_000_000, FOUR, "2022-12-15")), 404, "HOUSEHOLD_NOT_FOUND", "householdId");
        assertProblem(api.post("officer", "/api/households", household(id)), 409, "HOUSEHOLD_ALREADY_REGISTERED", "householdId");
        assertProblem(api.get("auditor", "/api/households/HH-nobody"), 404, "HOUSEHOLD_NOT_FOUND", "householdId");
        assertProblem(api.get("auditor", "/api/households/" + id + "?asOf=yesterday"), 400, "VALIDATION_FAILED", "asOf");

        assertThat(head()).isEqualTo(before);

        assertThat(api.post("officer", "/api/households/" + id + "/assessments",
                assessment(2022, "PERIODIC", 1_000_000, FOUR, "2022-12-15")).status()).isEqualTo(201);
        assertProblem(api.post("officer", "/api/households/" + id + "/assessments",
                assessment(2022, "PERIODIC", 1_100_000, FOUR, "2022-12-16")), 409, "PERIODIC_ASSESSMENT_EXISTS", null);
    }

    @Test
    void requiresAuthenticationAndTheRightRole() {
        assertThat(api.get(null, "/api/households").status()).isEqualTo(401);
        ApiClient.Response forbidden = api.post("auditor", "/api/households", household("HH-auditor"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("Content-Type")).contains("application/problem+json");
        assertThat(api.post("integrator", "/api/households", household("HH-integrator")).status()).isEqualTo(403);
        assertThat(api.get("integrator", "/api/households").status()).isEqualTo(200);
        assertThat(api.post("admin", "/api/households", household("HH-admin-" + UUID.randomUUID().toString().substring(0, 6)))
                .status()).isEqualTo(201);
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
        assertThat(api.get("officer", "/actuator/prometheus").status()).isEqualTo(403);
        ApiClient.Response metrics = api.get("admin", "/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("ledger_append", "povertyledger_processor_lag");
    }

    @Test
    void verifyNamesThePositionOfAnEventEditedInTheStore() {
        String id = registered();
        JsonNode ok = api.get("auditor", "/api/ledger/verify").json();
        assertThat(ok.get("ok").asBoolean()).isTrue();
        long head = ok.get("headPosition").asLong();
        assertThat(ok.get("headHash").asText()).hasSize(64);

        ApiClient.Response assessed = api.post("officer", "/api/households/" + id + "/assessments",
                assessment(2022, "PERIODIC", 1_200_000, FOUR, "2022-12-15"));
        long position = assessed.json().get("position").asLong();
        assertThat(position).isGreaterThan(head);

        Document commit = database.getCollection("events").find(Filters.eq("_id", position)).first();
        assertThat(commit).as("assessment is the first event of its commit").isNotNull();
        List<Document> events = commit.getList("events", Document.class);
        String payload = events.get(0).getString("payload").replace("1200000", "2200000");
        try {
            database.getCollection("events").updateOne(Filters.eq("_id", position), Updates.set("events.0.payload", payload));
            JsonNode broken = api.get("auditor", "/api/ledger/verify").json();
            assertThat(broken.get("ok").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenPosition").asLong()).isEqualTo(position);
        } finally {
            database.getCollection("events").updateOne(Filters.eq("_id", position),
                    Updates.set("events.0.payload", events.get(0).getString("payload")));
        }
        assertThat(api.get("auditor", "/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
    }

    private static void assertProblem(ApiClient.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(response.json().get("field").asText()).isEqualTo(field);
        }
    }
}
