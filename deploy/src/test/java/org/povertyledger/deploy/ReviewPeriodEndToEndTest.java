package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sign-off of a commune's review over HTTP: submit, a refused self-approval, approval by another user, lock;
 * assessments and corrections refused while the period is frozen, an administrator's exception that lets exactly
 * one correction through and shows in the household's history, and the period's record of every step.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewPeriodEndToEndTest {

    private static final String PERIOD = "/api/communes/24612/reviews/2024";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
        registry.add("povertyledger.demo.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void aSubmittedPeriodFreezesItsReviewUntilAnAdministratorOpensOneHouseholdForOneCorrection() {
        register("RP-1");
        register("RP-2");
        ApiClient.Response first = api.post("officer", "/api/households/RP-1/assessments", assessment(3));
        assertThat(first.status()).isEqualTo(201);
        String assessmentId = first.json().path("assessmentId").asText();

        assertThat(api.get("auditor", PERIOD).json().path("state").asText()).isEqualTo("OPEN");
        ApiClient.Response submitted = api.post("officer", PERIOD + "/submission",
                Map.of("decisionRef", "QD-12/2024/UBND", "note", "list posted 20 Nov"));
        assertThat(submitted.status()).isEqualTo(200);
        assertThat(submitted.json().path("state").asText()).isEqualTo("SUBMITTED");

        // frozen: a late assessment of the year is refused and writes nothing
        ApiClient.Response late = api.post("officer", "/api/households/RP-2/assessments", assessment(3));
        problem(late, 409, "PERIOD_LOCKED", "reviewYear", "period-open");
        assertThat(late.json().path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(api.get("auditor", "/api/households/RP-2/history").json().path("entries").size())
                .as("only the registration").isLessThanOrEqualTo(1);

        // maker and checker
        problem(api.post("officer", PERIOD + "/approval", Map.of("decisionRef", "QD-77/2024/UBND")),
                409, "SAME_USER_APPROVAL", "actor", "maker-checker");
        problem(api.post("admin", PERIOD + "/lock", Map.of("decisionRef", "QD-80/2024/UBND")),
                409, "PERIOD_STEP_NOT_ALLOWED", "state", "period-sequence");
        assertThat(api.post("admin", PERIOD + "/approval", Map.of("decisionRef", "QD-77/2024/UBND"))
                .json().path("state").asText()).isEqualTo("APPROVED");
        assertThat(api.post("admin", PERIOD + "/lock", Map.of("decisionRef", "QD-80/2024/UBND"))
                .json().path("state").asText()).isEqualTo("LOCKED");

        String correction = "/api/households/RP-1/assessments/" + assessmentId + "/corrections";
        problem(api.post("officer", correction, correctionBody()), 409, "PERIOD_LOCKED", "reviewYear", "period-open");

        // an exception: officers may not grant one, an administrator may; it admits one correction
        Map<String, Object> exception = Map.of("householdId", "RP-1", "reason", "complaint upheld",
                "legalBasis", "QD-95/2025/UBND");
        assertThat(api.post("officer", PERIOD + "/exceptions", exception).status()).isEqualTo(403);
        ApiClient.Response granted = api.post("admin", PERIOD + "/exceptions", exception);
        assertThat(granted.status()).isEqualTo(201);
        String exceptionId = granted.json().path("exceptionId").asText();
        assertThat(exceptionId).startsWith("EX-");
        problem(api.post("officer", PERIOD + "/exceptions", "{\"reason\":\"x\"}"), 403, null, null, null);
        problem(api.post("admin", PERIOD + "/exceptions", Map.of("reason", "x", "legalBasis", "y")),
                400, "VALIDATION_FAILED", "householdId", null);

        ApiClient.Response corrected = api.post("officer", correction, correctionBody());
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        problem(api.post("officer", correction, correctionBody()), 409, "PERIOD_LOCKED", "reviewYear", "period-open");

        // the household's history shows the correction and the exception it used
        JsonNode history = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("auditor", "/api/households/RP-1/history").json(),
                h -> types(h).contains("PeriodExceptionUsedEvent"));
        assertThat(types(history)).containsSubsequence("AssessmentRecordedEvent", "AssessmentCorrectedEvent",
                "PeriodExceptionUsedEvent");
        JsonNode used = history.path("entries").get(types(history).indexOf("PeriodExceptionUsedEvent"));
        assertThat(used.path("payload").path("exceptionId").asText()).isEqualTo(exceptionId);
        assertThat(used.path("actorId").asText()).isEqualTo("officer");

        // the period's record: every step with who and under which decision
        JsonNode period = api.get("auditor", PERIOD).json();
        assertThat(period.path("state").asText()).isEqualTo("LOCKED");
        List<String> steps = new ArrayList<>();
        period.path("steps").forEach(s -> steps.add(s.path("step").asText() + " by " + s.path("actorId").asText()));
        assertThat(steps).containsExactly("SUBMITTED by officer", "APPROVED by admin", "LOCKED by admin",
                "EXCEPTION_GRANTED by admin");
        assertThat(period.path("exceptions").get(0).path("householdId").asText()).isEqualTo("RP-1");
        assertThat(period.path("position").asLong()).isPositive();

        // another year of the same commune is not affected
        assertThat(api.post("officer", "/api/households/RP-2/assessments", assessment(3, 2025)).status())
                .isEqualTo(201);
    }

    @Test
    void badStepsAreRefusedWithTheFieldAndRule() {
        problem(api.post("officer", "/api/communes/2461/reviews/2024/submission", Map.of("decisionRef", "QD-1")),
                400, "VALIDATION_FAILED", "communeCode", null);
        problem(api.post("officer", "/api/communes/24613/reviews/1999/submission", Map.of("decisionRef", "QD-1")),
                400, "VALIDATION_FAILED", "reviewYear", null);
        problem(api.post("officer", "/api/communes/24613/reviews/2024/submission", Map.of("note", "no decision")),
                400, "VALIDATION_FAILED", "decisionRef", null);
        problem(api.post("officer", "/api/communes/24613/reviews/2024/return", Map.of("reason", "nothing submitted")),
                409, "PERIOD_STEP_NOT_ALLOWED", "state", "period-sequence");
        assertThat(api.get("auditor", "/api/communes/24613/reviews/2024").json().path("steps").size()).isZero();
    }

    private void register(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("householdId", id);
        body.put("communeCode", "24612");
        body.put("village", "Buon Krang");
        body.put("area", "RURAL");
        body.put("headName", "Y Thi Mlo");
        body.put("ethnicity", "M'nong");
        body.put("ethnicMinority", true);
        body.put("members", 5);
        assertThat(api.post("officer", "/api/households", body).status()).isEqualTo(201);
    }

    private static Map<String, Object> assessment(int deprivations) {
        return assessment(deprivations, 2024);
    }

    private static Map<String, Object> assessment(int deprivations, int year) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewYear", year);
        body.put("reviewKind", "PERIODIC");
        body.put("surveyDate", year + "-10-15");
        body.put("incomePerCapitaMonthly", 1_200_000);
        body.put("livelihood", "FARMING_FORESTRY_FISHERY_SALT");
        body.put("deprivations", List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER", "TELECOM_USE")
                .subList(0, deprivations));
        body.put("decisionRef", "QD-12/" + year + "/UBND");
        body.put("effectiveDate", year + "-12-14");
        return body;
    }

    private static Map<String, Object> correctionBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("surveyDate", "2024-10-15");
        body.put("incomePerCapitaMonthly", 1_200_000);
        body.put("livelihood", "FARMING_FORESTRY_FISHERY_SALT");
        body.put("deprivations", List.of("HEALTH_INSURANCE"));
        body.put("decisionRef", "QD-95/2025/UBND");
        body.put("effectiveDate", "2024-12-14");
        body.put("reason", "complaint upheld: the water source was counted wrongly");
        return body;
    }

    private static List<String> types(JsonNode history) {
        List<String> types = new ArrayList<>();
        history.path("entries").forEach(e -> types.add(e.path("eventType").asText()));
        return types;
    }

    private static void problem(ApiClient.Response response, int status, String code, String field, String rule) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        if (code != null) {
            assertThat(response.json().path("code").asText()).isEqualTo(code);
        }
        if (field != null) {
            assertThat(response.json().path("field").asText()).isEqualTo(field);
        }
        if (rule != null) {
            assertThat(response.json().path("rule").asText()).isEqualTo(rule);
        }
    }
}
