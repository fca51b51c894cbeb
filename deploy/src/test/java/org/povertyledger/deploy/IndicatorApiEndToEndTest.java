package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Element;

/**
 * The indicators as a user drives them over HTTP on the embedded store: a district's geography, households
 * reviewed in 2023 and 2024 through the real rulebook, a correction recorded later, the 1 July 2025 reform
 * (two communes merged, the district dissolved), targets, a reported indicator, and every export.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IndicatorApiEndToEndTest {

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
    EventProcessingConfiguration processing;

    ApiClient api;

    private static final List<String> FOUR = List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER",
            "TELECOM_USE");

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private long post(String path, Map<String, Object> body) {
        ApiClient.Response response = api.post("officer", path, body);
        assertThat(response.status()).as(path + " " + response.body()).isBetween(200, 201);
        return response.json().get("position").asLong();
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private long unit(String code, String level, String parent, String from, List<String> flags) {
        return post("/api/geography/units", map("unitCode", code, "name", "Unit " + code, "level", level,
                "parentCode", parent, "flags", flags, "effectiveDate", from, "legalBasis", "QD-" + code));
    }

    private void household(String id, String commune) {
        post("/api/households", map("householdId", id, "communeCode", commune, "village", "Buon Jun", "area", "RURAL",
                "headName", "Head " + id, "ethnicity", "M'nong", "ethnicMinority", true, "members", 4));
    }

    private String assess(String id, int year, boolean poor) {
        ApiClient.Response response = api.post("officer", "/api/households/" + id + "/assessments", map(
                "reviewYear", year, "reviewKind", "PERIODIC", "surveyDate", year + "-10-15",
                "incomePerCapitaMonthly", poor ? 1_200_000 : 2_600_000, "livelihood", "OTHER",
                "deprivations", poor ? FOUR : List.of(), "decisionRef", "QD-" + year, "effectiveDate", year + "-12-15"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("assessmentId").asText();
    }

    /** The value once the indicators have caught up with {@code position}. */
    private JsonNode value(String indicator, String unit, int year, String extra, long position) {
        String path = "/api/indicators/" + indicator + "/values?unit=" + unit + "&year=" + year + extra;
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ApiClient.Response response = api.get("auditor", path);
            return response.status() == 200 && response.json().get("position").asLong() >= position;
        });
        ApiClient.Response response = api.get("auditor", path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void indicatorsAgainstTargetsAcrossACorrectionAndTheReformWithExports() throws Exception {
        unit("66", "PROVINCE", null, "2020-01-01", List.of());
        unit("653", "DISTRICT", "66", "2020-01-01", List.of("POOR_DISTRICT"));
        unit("24541", "COMMUNE", "653", "2020-01-01", List.of("ESPECIALLY_DIFFICULT_COMMUNE"));
        unit("24544", "COMMUNE", "653", "2020-01-01", List.of());
        post("/api/indicators", map("indicatorCode", "POVERTY_RATE", "name", "Multidimensional poverty rate",
                "direction", "LOWER_IS_BETTER", "kind", "DERIVED", "measure", "POVERTY_RATE"));
        post("/api/indicators", map("indicatorCode", "CLEAN_WATER", "name", "Households with clean water",
                "unitOfMeasure", "PERCENT", "direction", "HIGHER_IS_BETTER", "kind", "REPORTED"));

        household("E2E-A1", "24541");
        household("E2E-A2", "24541");
        household("E2E-B1", "24544");
        household("E2E-B2", "24544");
        String a1Of2023 = assess("E2E-A1", 2023, true);
        assess("E2E-A2", 2023, false);
        assess("E2E-B1", 2023, true);
        assess("E2E-B2", 2023, true);
        assess("E2E-A1", 2024, true);
        assess("E2E-A2", 2024, false);
        assess("E2E-B1", 2024, true);
        long reviewed = post("/api/indicators/POVERTY_RATE/targets", map("unitCode", "653", "year", 2024,
                "kind", "POINTS_ON_PREVIOUS_YEAR", "low", 3, "high", 3.5, "legalBasis", "NQ-05/2024/HDND"));

        // 2023: A 1/2, B 2/2, district 3/4. 2024: A 1/2, B 1/1, district 2/3.
        JsonNode a2023 = value("POVERTY_RATE", "24541", 2023, "", reviewed);
        assertThat(a2023.get("value").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(a2023.get("recordedAt").asText()).isNotBlank();
        JsonNode district = value("POVERTY_RATE", "653", 2024, "", reviewed);
        assertThat(district.get("value").decimalValue()).isEqualByComparingTo("66.67");
        assertThat(district.get("progress").get("achieved").decimalValue()).isEqualByComparingTo("8.33");
        assertThat(district.get("progress").get("status").asText()).isEqualTo("EXCEEDED");

        // A correction recorded now to the 2023 review.
        Instant beforeCorrection = Instant.now();
        Thread.sleep(5);
        long corrected = post("/api/households/E2E-A1/assessments/" + a1Of2023 + "/corrections", map(
                "surveyDate", "2023-10-15", "incomePerCapitaMonthly", 2_600_000, "livelihood", "OTHER",
                "deprivations", List.of(), "decisionRef", "QD-FIX/2025", "effectiveDate", "2023-12-15",
                "reason", "income was typed without a digit"));
        assertThat(value("POVERTY_RATE", "24541", 2023, "", corrected).get("value").decimalValue())
                .isEqualByComparingTo("0.00");
        JsonNode known = value("POVERTY_RATE", "24541", 2023, "&asKnownAt=" + reviewed, 0);
        assertThat(known.get("value").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(known.get("position").asLong()).isEqualTo(reviewed);
        JsonNode knownByTime = value("POVERTY_RATE", "24541", 2023, "&asKnownAt=" + beforeCorrection, 0);
        assertThat(knownByTime.get("value").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(knownByTime.get("position").asLong()).isBetween(reviewed, corrected - 1);

        // The reform of 1 July 2025.
        unit("24600", "COMMUNE", "66", "2025-07-01", List.of());
        post("/api/geography/merges", map("sourceCodes", List.of("24541", "24544"), "targetCode", "24600",
                "effectiveDate", "2025-07-01", "legalBasis", "NQ-1660/2025/UBTVQH15"));
        long reform = post("/api/geography/units/653/dissolve", map("effectiveDate", "2025-07-01",
                "legalBasis", "NQ-202/2025/QH15"));
        JsonNode merged = value("POVERTY_RATE", "24600", 2024, "", reform);
        assertThat(merged.get("value").decimalValue()).isEqualByComparingTo("66.67");
        assertThat(merged.get("mapDate").asText()).isEqualTo("2025-07-01");
        assertThat(value("POVERTY_RATE", "24541", 2024, "", reform).get("value").decimalValue())
                .isEqualByComparingTo("50.00");
        assertThat(value("POVERTY_RATE", "653", 2024, "", reform).get("value").decimalValue())
                .isEqualByComparingTo("66.67");

        JsonNode lineage = api.get("auditor", "/api/geography/units/24600/lineage").json();
        assertThat(lineage.get("predecessors").findValuesAsText("fromCode")).containsExactly("24541", "24544");
        JsonNode tree2024 = api.get("auditor", "/api/geography/tree?asOf=2024-12-31").json();
        assertThat(tree2024.get("roots").get(0).get("children").get(0).get("unitCode").asText()).isEqualTo("653");
        JsonNode tree2025 = api.get("auditor", "/api/geography/tree?asOf=2025-07-01").json();
        assertThat(tree2025.get("roots").get(0).get("children").findValuesAsText("unitCode")).contains("24600");

        // A reported indicator, recorded and corrected.
        ApiClient.Response observed = api.post("officer", "/api/indicators/CLEAN_WATER/observations", map(
                "unitCode", "653", "year", 2024, "value", 75.4, "source", "district report 2024",
                "effectiveDate", "2024-12-31"));
        assertThat(observed.status()).as(observed.body()).isEqualTo(201);
        long observedAt = observed.json().get("position").asLong();
        long fixed = post("/api/indicators/CLEAN_WATER/observations/" + observed.json().get("observationId").asText()
                + "/corrections", map("value", 78.0, "source", "district report 2024, revised",
                "effectiveDate", "2024-12-31", "reason", "two villages were left out"));
        assertThat(value("CLEAN_WATER", "653", 2024, "", fixed).get("value").decimalValue())
                .isEqualByComparingTo("78.0");
        assertThat(value("CLEAN_WATER", "653", 2024, "&asKnownAt=" + observedAt, 0).get("value").decimalValue())
                .isEqualByComparingTo("75.4");

        // Table, exports.
        JsonNode table = api.get("auditor", "/api/indicators/POVERTY_RATE/table?parent=653&year=2024").json();
        assertThat(table.get("rows").findValuesAsText("unitCode")).containsExactly("653", "24541", "24544");
        assertThat(table.get("rows").get(1).get("rank").asInt()).isEqualTo(1);

        ApiClient.Response csv = api.get("auditor",
                "/api/reports/indicator-table.csv?indicators=POVERTY_RATE&parent=653&year=2024");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("indicator_code,indicator_name,unit_of_measure,year,unit_code");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).startsWith("POVERTY_RATE,Multidimensional poverty rate,PERCENT,2024,653,");

        byte[] xlsx = bytes("/api/reports/indicator-table.xlsx?indicators=POVERTY_RATE,CLEAN_WATER&parent=653&year=2024");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet("POVERTY_RATE");
            assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo("653");
            assertThat(sheet.getRow(1).getCell(9).getNumericCellValue()).isEqualTo(66.67);
            assertThat(workbook.getSheet("CLEAN_WATER").getRow(1).getCell(9).getNumericCellValue()).isEqualTo(78.0);
        }

        JsonNode dhis2 = api.get("integrator",
                "/api/reports/dhis2/dataValueSets?indicators=POVERTY_RATE&parent=653&year=2024").json();
        assertThat(dhis2.get("dataElementIdScheme").asText()).isEqualTo("CODE");
        List<String> orgUnits = new ArrayList<>();
        dhis2.get("dataValues").forEach(v -> {
            assertThat(v.get("dataElement").asText()).isEqualTo("POVERTY_RATE");
            assertThat(v.get("period").asText()).isEqualTo("2024");
            assertThat(v.get("value").isTextual()).isTrue();
            orgUnits.add(v.get("orgUnit").asText());
        });
        assertThat(orgUnits).containsExactly("653", "24541", "24544");

        byte[] adx = bytes("/api/reports/dhis2/adx?indicators=POVERTY_RATE&parent=653&year=2024");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(adx));
        assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("urn:ihe:qrph:adx:2015");
        Element group = (Element) xml.getElementsByTagNameNS("urn:ihe:qrph:adx:2015", "group").item(0);
        assertThat(group.getAttribute("period")).isEqualTo("2024-01-01/P1Y");
        assertThat(group.getAttribute("orgUnit")).isEqualTo("653");

        // Refusals.
        assertProblem(api.get("auditor", "/api/indicators/NO_SUCH/values?unit=653&year=2024"), 404,
                "INDICATOR_NOT_FOUND");
        assertProblem(api.get("auditor", "/api/indicators/POVERTY_RATE/values?unit=999&year=2024"), 404,
                "UNIT_NOT_FOUND");
        assertProblem(api.get("auditor", "/api/indicators/POVERTY_RATE/values?unit=653&year=2024&asKnownAt=yesterday"),
                400, "VALIDATION_FAILED");
        assertProblem(api.post("officer", "/api/indicators/POVERTY_RATE/observations", map("unitCode", "653",
                "year", 2024, "value", 1, "source", "x", "effectiveDate", "2024-12-31")), 409, "INDICATOR_NOT_REPORTED");
        assertProblem(api.post("officer", "/api/geography/merges", map("sourceCodes", List.of("24541"),
                "targetCode", "24600", "effectiveDate", "2025-08-01", "legalBasis", "x")), 409, "UNIT_NOT_VALID_ON_DATE");

        // The indicators run in one segment.
        PooledStreamingEventProcessor processor = processing.eventProcessor("indicators",
                PooledStreamingEventProcessor.class).orElseThrow();
        assertThat(processor.processingStatus()).hasSize(1);
    }

    private static void assertProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("code").asText()).isEqualTo(code);
    }

    private byte[] bytes(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
