package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Procedure conformance over HTTP: review steps recorded through the command API (village meetings with their
 * vote, a public posting, an on-demand request), decisions recorded as usual, and the audit listing each decision
 * with the steps it passed and missed and the counts per commune.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProcedureConformanceEndToEndTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private String registered(String commune, String village) {
        String id = "HH-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("householdId", id);
        body.put("communeCode", commune);
        body.put("village", village);
        body.put("area", "RURAL");
        body.put("headName", "Y Thi Mlo");
        body.put("ethnicity", "M'nong");
        body.put("ethnicMinority", true);
        body.put("members", 5);
        assertThat(api.post("officer", "/api/households", body).status()).isEqualTo(201);
        return id;
    }

    private void assess(String household, String kind, String surveyDate, String effectiveDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewYear", 2024);
        body.put("reviewKind", kind);
        body.put("surveyDate", surveyDate);
        body.put("incomePerCapitaMonthly", 1_200_000);
        body.put("livelihood", "OTHER");
        body.put("deprivations", List.of("TELECOM_USE"));
        body.put("decisionRef", "QD-2024/UBND");
        body.put("effectiveDate", effectiveDate);
        ApiClient.Response response = api.post("officer", "/api/households/" + household + "/assessments", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private ApiClient.Response meeting(String commune, String village, String date, int attendees, int inFavour) {
        return api.post("officer", "/api/communes/" + commune + "/reviews/2024/meetings", Map.of("village", village,
                "date", date, "attendees", attendees, "inFavour", inFavour, "minutesRef", "BB-" + village));
    }

    @Test
    void listsEachDecisionWithTheStepsItPassedAndMissedAndCountsPerCommune() {
        String conforming = registered("24541", "Buon Jun");
        String outvoted = registered("24541", "Buon Tria");
        String elsewhere = registered("24544", "Buon Ea");
        assertThat(meeting("24541", "Buon Jun", "2024-11-20", 40, 25).status()).isEqualTo(201);
        assertThat(meeting("24541", "Buon Tria", "2024-11-21", 41, 20).status()).isEqualTo(201);
        assertThat(api.post("officer", "/api/communes/24541/reviews/2024/postings", Map.of("from", "2024-11-25",
                "to", "2024-11-27", "place", "commune People's Committee")).status()).isEqualTo(201);
        assertThat(api.post("officer", "/api/communes/24541/reviews/2024/requests", Map.of("householdId",
                conforming, "requestDate", "2024-03-01")).status()).isEqualTo(201);

        assess(conforming, "ON_DEMAND", "2024-03-05", "2024-03-25");
        assess(conforming, "PERIODIC", "2024-10-15", "2024-12-15");
        assess(outvoted, "PERIODIC", "2024-10-16", "2024-12-15");
        assess(elsewhere, "PERIODIC", "2024-08-20", "2024-12-15");

        JsonNode all = api.get("auditor", "/api/audit/conformance?year=2024").json();
        assertThat(all.get("postingMinimumDays").asInt()).isEqualTo(3);
        assertThat(all.get("decisions").get("total").asInt()).isEqualTo(4);
        JsonNode first = all.get("communes").get(0);
        assertThat(first.get("communeCode").asText()).isEqualTo("24541");
        assertThat(first.get("decisions").asLong()).isEqualTo(3);
        assertThat(first.get("conforming").asLong()).isEqualTo(1);
        assertThat(first.get("missed").get("VOTE_BELOW_HALF").asLong()).isEqualTo(1);
        assertThat(first.get("missed").get("DEADLINE_PASSED").asLong()).isEqualTo(1);
        assertThat(first.get("missed").get("MISSING_MEETING").asLong()).isZero();

        JsonNode one = api.get("auditor", "/api/audit/conformance?unit=24544&year=2024").json();
        JsonNode decision = one.get("decisions").get("items").get(0);
        assertThat(decision.get("householdId").asText()).isEqualTo(elsewhere);
        List<String> missed = new ArrayList<>();
        decision.get("missed").forEach(m -> missed.add(m.get("step").asText()));
        assertThat(missed).containsExactly("OUTSIDE_REVIEW_WINDOW", "MISSING_MEETING", "POSTING_TOO_SHORT");
        assertThat(one.get("communes").size()).isEqualTo(1);

        for (JsonNode item : all.get("decisions").get("items")) {
            if (item.get("householdId").asText().equals(conforming) && item.get("reviewKind").asText()
                    .equals("PERIODIC")) {
                assertThat(item.get("missed").size()).isZero();
                assertThat(item.get("passed").toString()).contains("VILLAGE_VOTE", "PUBLIC_POSTING", "REVIEW_WINDOW");
            }
        }
    }

    @Test
    void refusesBadStepsAndQueriesNamingTheField() {
        assertRefused(meeting("24541", "Buon Jun", "2024-11-20", 20, 21), "inFavour");
        ApiClient.Response outside = meeting("24541", "Buon Jun", "2025-01-10", 20, 15);
        assertRefused(outside, "date");
        assertThat(outside.json().get("code").asText()).isEqualTo("REVIEW_DATE_OUTSIDE_YEAR");
        assertRefused(api.post("officer", "/api/communes/24541/reviews/2024/postings", Map.of("from", "2024-11-25",
                "to", "2024-11-20", "place", "here")), "to");
        assertRefused(api.get("auditor", "/api/audit/conformance"), "year");
        assertRefused(api.get("auditor", "/api/audit/conformance?unit=12&year=2024"), "unit");
        assertThat(api.get("officer", "/api/audit/conformance?year=2024").status()).isEqualTo(403);
    }

    private static void assertRefused(ApiClient.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo(field);
    }
}
