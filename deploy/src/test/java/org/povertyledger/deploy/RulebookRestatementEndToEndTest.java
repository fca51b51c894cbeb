package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rulebooks as registered versions over HTTP: the built-in standards are in the catalogue as the system's
 * registrations; an admin registers a province's higher line for years that already have decisions; bad
 * rulebooks are refused naming the field; a restatement under the province line records what each household's
 * status would be, with figures per commune as decided and as restated, while the decisions stay as they were.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RulebookRestatementEndToEndTest {

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

    private static Map<String, Object> province(String id, int first, int last, long ruralLine) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rulebookId", id);
        body.put("version", 1);
        body.put("formula", "LINE_AND_AVERAGE_2021");
        body.put("scope", "66");
        body.put("firstReviewYear", first);
        body.put("lastReviewYear", last);
        body.put("legalBasis", "Resolution 12/2024/NQ-HDND Dak Lak");
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("RURAL_LINE", ruralLine);
        thresholds.put("URBAN_LINE", 2_500_000);
        thresholds.put("RURAL_AVERAGE_LIMIT", 3_000_000);
        thresholds.put("URBAN_AVERAGE_LIMIT", 3_750_000);
        thresholds.put("DEPRIVATION_THRESHOLD", 3);
        body.put("thresholds", thresholds);
        body.put("indicators", List.of("EMPLOYMENT", "DEPENDANTS", "NUTRITION", "HEALTH_INSURANCE",
                "ADULT_EDUCATION", "CHILD_SCHOOL_ATTENDANCE", "HOUSING_QUALITY", "HOUSING_AREA", "DOMESTIC_WATER",
                "HYGIENIC_LATRINE", "TELECOM_USE", "INFORMATION_ACCESS"));
        return body;
    }

    private String assessed(long income, List<String> deprivations) {
        String id = "HH-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> household = new LinkedHashMap<>();
        household.put("householdId", id);
        household.put("communeCode", "24617");
        household.put("village", "Buon Tria");
        household.put("area", "RURAL");
        household.put("headName", "H Ngoc");
        household.put("ethnicity", "Ede");
        household.put("ethnicMinority", true);
        household.put("members", 4);
        assertThat(api.post("officer", "/api/households", household).status()).isEqualTo(201);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewYear", 2024);
        body.put("reviewKind", "PERIODIC");
        body.put("surveyDate", "2024-10-15");
        body.put("incomePerCapitaMonthly", income);
        body.put("livelihood", "OTHER");
        body.put("deprivations", deprivations);
        body.put("decisionRef", "QD-2024/UBND");
        body.put("effectiveDate", "2024-12-15");
        assertThat(api.post("officer", "/api/households/" + id + "/assessments", body).status()).isEqualTo(201);
        return id;
    }

    @Test
    void registersAProvinceLineAndRestatesDecidedHouseholdsUnderItWithoutTouchingTheDecisions() {
        JsonNode catalogue = api.get("auditor", "/api/rulebooks").json();
        List<String> builtIn = new ArrayList<>();
        catalogue.get("rulebooks").forEach(r -> builtIn.add(r.get("definition").get("rulebookId").asText()));
        assertThat(builtIn).contains("VN-DECISION-59-2015", "VN-DECREE-07-2021", "VN-DECREE-351-2025");
        assertThat(catalogue.get("rulebooks").get(0).get("registeredBy").asText()).isEqualTo("system");

        String poorBoth = assessed(1_200_000, FOUR);
        String poorOnlyUnderProvince = assessed(1_800_000, FOUR);
        String notPoor = assessed(2_600_000, List.of());
        Map<String, Long> before = new LinkedHashMap<>();
        for (String household : List.of(poorBoth, poorOnlyUnderProvince, notPoor)) {
            before.put(household, eventsOf(household));
        }

        assertThat(api.post("officer", "/api/rulebooks", province("DAK-LAK-2024", 2024, 2025, 2_000_000)).status())
                .isEqualTo(403);
        ApiClient.Response registered = api.post("admin", "/api/rulebooks",
                province("DAK-LAK-2024", 2024, 2025, 2_000_000));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(api.get("auditor", "/api/rulebooks/DAK-LAK-2024/1").json().get("registeredBy").asText())
                .isEqualTo("admin");

        ApiClient.Response restated = api.post("auditor", "/api/audit/restatements",
                Map.of("rulebookId", "DAK-LAK-2024", "version", 1, "reviewYear", 2024, "communeCode", "24617"));
        assertThat(restated.status()).as(restated.body()).isEqualTo(201);
        JsonNode view = restated.json();
        assertThat(view.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(view.get("assessments").asLong()).isEqualTo(3);
        JsonNode commune = view.get("communes").get(0);
        assertThat(commune.get("communeCode").asText()).isEqualTo("24617");
        assertThat(commune.get("poor").get("asDecided").asLong()).isEqualTo(1);
        assertThat(commune.get("poor").get("asRestated").asLong()).isEqualTo(2);
        assertThat(commune.get("povertyRate").get("asDecided").decimalValue()).isEqualByComparingTo("33.33");
        assertThat(commune.get("povertyRate").get("asRestated").decimalValue()).isEqualByComparingTo("66.67");
        assertThat(commune.get("changed").asLong()).isEqualTo(1);

        JsonNode items = api.get("auditor", restated.header("Location") + "?limit=10").json()
                .get("restated").get("items");
        assertThat(items.size()).isEqualTo(3);
        JsonNode changed = null;
        for (JsonNode item : items) {
            if (item.get("householdId").asText().equals(poorOnlyUnderProvince)) {
                changed = item;
            }
        }
        assertThat(changed).isNotNull();
        assertThat(changed.get("decidedStatus").asText()).isEqualTo("NOT_POOR");
        assertThat(changed.get("decidedRulebookId").asText()).isEqualTo("VN-DECREE-07-2021");
        assertThat(changed.get("status").asText()).isEqualTo("POOR");
        assertThat(changed.get("incomeLine").asLong()).isEqualTo(2_000_000);
        assertThat(changed.get("decisionEventId").asText()).isNotBlank();
        before.forEach((household, events) -> assertThat(eventsOf(household))
                .as("the household's own stream is untouched").isEqualTo(events));

        ApiClient.Response unknown = api.post("auditor", "/api/audit/restatements",
                Map.of("rulebookId", "DAK-LAK-2024", "version", 7, "reviewYear", 2024));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("RULEBOOK_NOT_FOUND");
        assertThat(api.post("officer", "/api/audit/restatements",
                Map.of("rulebookId", "DAK-LAK-2024", "version", 1, "reviewYear", 2024)).status()).isEqualTo(403);
    }

    @Test
    void refusesBadRulebooksNamingTheFieldAndWritesNothing() {
        long head = engine.head().position();
        Map<String, Object> missing = province("BAD-ONE", 2022, 2023, 2_000_000);
        ((Map<?, ?>) missing.get("thresholds")).remove("URBAN_LINE");
        assertRefused(api.post("admin", "/api/rulebooks", missing), 400, "thresholds.URBAN_LINE", "required");

        Map<String, Object> unknownCriterion = province("BAD-TWO", 2022, 2023, 2_000_000);
        @SuppressWarnings("unchecked")
        Map<String, Object> thresholds = (Map<String, Object>) unknownCriterion.get("thresholds");
        thresholds.put("LAND_AREA", 5000);
        assertRefused(api.post("admin", "/api/rulebooks", unknownCriterion), 400, "thresholds.LAND_AREA",
                "known-criterion");

        Map<String, Object> unknownIndicator = province("BAD-THREE", 2022, 2023, 2_000_000);
        unknownIndicator.put("indicators", List.of("TELECOM_USE", "OWNS_A_MOTORBIKE"));
        assertRefused(api.post("admin", "/api/rulebooks", unknownIndicator), 400, "indicators", "known-indicator");

        assertRefused(api.post("admin", "/api/rulebooks", province("BAD-FOUR", 2025, 2023, 2_000_000)), 400,
                "lastReviewYear", "not-before-firstReviewYear");

        Map<String, Object> overlapping = province("VN-OTHER-2026", 2026, 2030, 2_000_000);
        overlapping.put("scope", "VN");
        assertRefused(api.post("admin", "/api/rulebooks", overlapping), 409, "firstReviewYear",
                "no-overlap-in-scope");

        Map<String, Object> skipped = province("VN-DECREE-07-2021", 2021, 2026, 2_000_000);
        skipped.put("version", 3);
        skipped.put("scope", "VN");
        assertRefused(api.post("admin", "/api/rulebooks", skipped), 409, "version", "next-version");
        assertThat(engine.head().position()).as("refused rulebooks write nothing").isEqualTo(head);
    }

    private long eventsOf(String household) {
        long[] count = {0};
        eventStore.readEvents(household).forEachRemaining(e -> count[0]++);
        return count[0];
    }

    private static void assertRefused(ApiClient.Response response, int status, String field, String rule) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(response.json().get("rule").asText()).isEqualTo(rule);
    }
}
