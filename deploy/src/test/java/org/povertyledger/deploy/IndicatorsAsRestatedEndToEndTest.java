package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
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
 * Indicators read as decided and as restated over HTTP: three households decided under Decree 07, a province's
 * higher line registered and a restatement under it; the poverty rate as restated counts the household the higher
 * line makes poor, as decided it does not, and the decisions, the household's status and the decided figure stay
 * as they were. Bad basis parameters are refused naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IndicatorsAsRestatedEndToEndTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
    }

    private static final List<String> FOUR = List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER",
            "TELECOM_USE");
    private static final String COMMUNE = "24617";

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private long post(String user, String path, Map<String, Object> body) {
        ApiClient.Response response = api.post(user, path, body);
        assertThat(response.status()).as(path + " " + response.body()).isBetween(200, 201);
        JsonNode position = response.json().get("position");
        return position == null ? 0 : position.asLong();
    }

    private long assessed(String id, long income, List<String> deprivations) {
        post("officer", "/api/households", ApiClient.map("householdId", id, "communeCode", COMMUNE,
                "village", "Buon Tria", "area", "RURAL", "headName", "H Ngoc " + id, "ethnicity", "Ede",
                "ethnicMinority", true, "members", 4));
        return post("officer", "/api/households/" + id + "/assessments", ApiClient.map("reviewYear", 2024,
                "reviewKind", "PERIODIC", "surveyDate", "2024-10-15", "incomePerCapitaMonthly", income,
                "livelihood", "OTHER", "deprivations", deprivations, "decisionRef", "QD-2024/UBND",
                "effectiveDate", "2024-12-15"));
    }

    private static Map<String, Object> provinceLine() {
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("RURAL_LINE", 2_000_000);
        thresholds.put("URBAN_LINE", 2_500_000);
        thresholds.put("RURAL_AVERAGE_LIMIT", 3_000_000);
        thresholds.put("URBAN_AVERAGE_LIMIT", 3_750_000);
        thresholds.put("DEPRIVATION_THRESHOLD", 3);
        return ApiClient.map("rulebookId", "DAK-LAK-2024", "version", 1, "formula", "LINE_AND_AVERAGE_2021",
                "scope", "66", "firstReviewYear", 2024, "lastReviewYear", 2025,
                "legalBasis", "Resolution 12/2024/NQ-HDND Dak Lak", "thresholds", thresholds,
                "indicators", List.of("EMPLOYMENT", "DEPENDANTS", "NUTRITION", "HEALTH_INSURANCE", "ADULT_EDUCATION",
                        "CHILD_SCHOOL_ATTENDANCE", "HOUSING_QUALITY", "HOUSING_AREA", "DOMESTIC_WATER",
                        "HYGIENIC_LATRINE", "TELECOM_USE", "INFORMATION_ACCESS"));
    }

    private static final String RATE = "/api/indicators/POVERTY_RATE/values?unit=" + COMMUNE + "&year=2024";
    private static final String RESTATED = "&basis=restated&rulebook=DAK-LAK-2024:1";

    private JsonNode read(String path) {
        ApiClient.Response response = api.get("auditor", path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void readsThePovertyRateAsDecidedAndAsRestatedUnderAProvinceLine() {
        post("officer", "/api/geography/units", ApiClient.map("unitCode", "66", "name", "Dak Lak",
                "level", "PROVINCE", "effectiveDate", "2020-01-01", "legalBasis", "QD-124/2004"));
        post("officer", "/api/geography/units", ApiClient.map("unitCode", "653", "name", "Lak", "level", "DISTRICT",
                "parentCode", "66", "effectiveDate", "2020-01-01", "legalBasis", "QD-353/2022/TTg"));
        post("officer", "/api/geography/units", ApiClient.map("unitCode", COMMUNE, "name", "Bong Krang",
                "level", "COMMUNE", "parentCode", "653", "effectiveDate", "2020-01-01", "legalBasis", "QD-861/2021"));
        post("officer", "/api/indicators", ApiClient.map("indicatorCode", "POVERTY_RATE",
                "name", "Multidimensional poverty rate", "direction", "LOWER_IS_BETTER", "kind", "DERIVED",
                "measure", "POVERTY_RATE"));
        assessed("RST-POOR", 1_200_000, FOUR);
        assessed("RST-LINE", 1_800_000, FOUR);
        long decided = assessed("RST-ABOVE", 2_600_000, List.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> read(RATE).get("position").asLong() >= decided);
        JsonNode asDecided = read(RATE);
        assertThat(asDecided.get("value").decimalValue()).isEqualByComparingTo("33.33");
        assertThat(asDecided.get("basis").get("name").asText()).isEqualTo("decided");

        // not yet registered: the restated basis has no such rulebook
        ApiClient.Response early = api.get("auditor", RATE + RESTATED);
        assertThat(early.status()).as(early.body()).isEqualTo(404);
        assertThat(early.json().get("code").asText()).isEqualTo("RULEBOOK_NOT_FOUND");
        assertThat(early.json().get("field").asText()).isEqualTo("rulebook");

        long registered = post("admin", "/api/rulebooks", provinceLine());
        ApiClient.Response restatement = api.post("auditor", "/api/audit/restatements", ApiClient.map(
                "rulebookId", "DAK-LAK-2024", "version", 1, "reviewYear", 2024, "communeCode", COMMUNE));
        assertThat(restatement.status()).as(restatement.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ApiClient.Response response = api.get("auditor", RATE + RESTATED);
            return response.status() == 200 && response.json().get("basis").get("restatedHouseholds").asLong() == 3;
        });
        JsonNode asRestated = read(RATE + RESTATED);
        assertThat(asRestated.get("value").decimalValue()).isEqualByComparingTo("66.67");
        assertThat(asRestated.get("numerator").asLong()).isEqualTo(2);
        assertThat(asRestated.get("denominator").asLong()).isEqualTo(3);
        JsonNode basis = asRestated.get("basis");
        assertThat(basis.get("name").asText()).isEqualTo("restated");
        assertThat(basis.get("rulebookId").asText()).isEqualTo("DAK-LAK-2024");
        assertThat(basis.get("rulebookVersion").asInt()).isEqualTo(1);
        assertThat(basis.get("statusChanged").asLong()).isEqualTo(1);

        // the decisions stay: the decided figure, the household's status, and the figure as known before
        JsonNode stillDecided = read(RATE + "&asKnownAt=" + asRestated.get("position").asLong());
        assertThat(stillDecided.get("value").decimalValue()).isEqualByComparingTo("33.33");
        assertThat(read("/api/households/RST-LINE").get("status").asText()).isEqualTo("NOT_POOR");
        JsonNode beforeRestating = read(RATE + RESTATED + "&asKnownAt=" + registered);
        assertThat(beforeRestating.get("value").decimalValue()).isEqualByComparingTo("33.33");
        assertThat(beforeRestating.get("basis").get("restatedHouseholds").asLong()).isZero();

        // the district's table as restated: the commune row says how many households were restated
        JsonNode table = read("/api/indicators/POVERTY_RATE/table?parent=653&year=2024" + RESTATED);
        assertThat(table.get("basis").get("restatedHouseholds").asLong()).isEqualTo(3);
        assertThat(table.get("rows").get(1).get("unitCode").asText()).isEqualTo(COMMUNE);
        assertThat(table.get("rows").get(1).get("value").decimalValue()).isEqualByComparingTo("66.67");
        JsonNode series = read("/api/indicators/POVERTY_RATE/series?unit=653&from=2023&to=2024" + RESTATED);
        assertThat(series.get("points").get(1).get("value").decimalValue()).isEqualByComparingTo("66.67");
        assertThat(series.get("points").get(0).get("value").isNull()).isTrue();

        assertRefused(api.get("auditor", RATE + "&basis=restated"), "rulebook", "required");
        assertRefused(api.get("auditor", RATE + "&basis=restated&rulebook=DAK-LAK-2024"), "rulebook",
                "pattern:ID:VERSION");
        assertRefused(api.get("auditor", RATE + "&rulebook=DAK-LAK-2024:1"), "rulebook", "only-with:basis=restated");
        assertRefused(api.get("auditor", RATE + "&basis=forecast"), "basis", "one-of:decided,restated");
        ApiClient.Response unknownVersion = api.get("auditor", RATE + "&basis=restated&rulebook=DAK-LAK-2024:2");
        assertThat(unknownVersion.status()).isEqualTo(404);
        assertThat(unknownVersion.json().get("code").asText()).isEqualTo("RULEBOOK_NOT_FOUND");
    }

    private static void assertRefused(ApiClient.Response response, String field, String rule) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(response.json().get("rule").asText()).isEqualTo(rule);
    }
}
