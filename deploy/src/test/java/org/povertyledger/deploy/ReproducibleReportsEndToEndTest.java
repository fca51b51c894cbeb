package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyledger.deploy.ApiClient.map;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.query.indicator.IndicatorProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every export and the indicator table, computed now, are the same bytes when asked again at the position they
 * name, after the log has grown and after the indicators read model has been rebuilt from the log; their headers
 * carry that position and a digest of the body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReproducibleReportsEndToEndTest {

    private static final List<String> FOUR = List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER",
            "TELECOM_USE");
    private static final String QUERY = "?indicators=POVERTY_RATE,CLEAN_WATER&parent=653&year=2024";
    private static final List<String> REPORTS = List.of("/api/reports/indicator-table.csv" + QUERY,
            "/api/reports/indicator-table.csv" + QUERY + "&provenance=comment",
            "/api/reports/indicator-table.xlsx" + QUERY,
            "/api/reports/dhis2/dataValueSets" + QUERY,
            "/api/reports/dhis2/adx" + QUERY,
            "/api/indicators/POVERTY_RATE/table?parent=653&year=2024");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
        registry.add("povertyledger.consistency.max-wait", () -> "30s");
    }

    @LocalServerPort
    int port;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    MongoLedgerStorageEngine engine;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void anExportAskedAgainAtItsPositionIsTheSameBytesAfterTheLogGrewAndTheReadModelWasRebuilt() throws Exception {
        post("/api/geography/units", map("unitCode", "66", "name", "Dak Lak", "level", "PROVINCE",
                "effectiveDate", "2020-01-01", "legalBasis", "QD-124/2004"));
        post("/api/geography/units", map("unitCode", "653", "name", "Lak", "level", "DISTRICT", "parentCode", "66",
                "effectiveDate", "2020-01-01", "legalBasis", "QD-353"));
        for (String commune : List.of("24541", "24544")) {
            post("/api/geography/units", map("unitCode", commune, "name", "Commune " + commune, "level", "COMMUNE",
                    "parentCode", "653", "effectiveDate", "2020-01-01", "legalBasis", "QD-861"));
        }
        post("/api/indicators", map("indicatorCode", "POVERTY_RATE", "name", "Multidimensional poverty rate",
                "direction", "LOWER_IS_BETTER", "kind", "DERIVED", "measure", "POVERTY_RATE"));
        post("/api/indicators", map("indicatorCode", "CLEAN_WATER", "name", "Households with clean water",
                "unitOfMeasure", "PERCENT", "direction", "HIGHER_IS_BETTER", "kind", "REPORTED"));
        post("/api/indicators/POVERTY_RATE/targets", map("unitCode", "653", "year", 2024, "kind", "ABSOLUTE",
                "high", 40, "legalBasis", "NQ-05/2024/HDND"));
        post("/api/indicators/CLEAN_WATER/observations", map("unitCode", "653", "year", 2024, "value", 75.4,
                "source", "district report 2024", "effectiveDate", "2024-12-31"));
        for (int i = 0; i < 6; i++) {
            household("HH-REP-" + i, i % 2 == 0 ? "24541" : "24544", i % 3 != 0);
        }
        long written = engine.head().position();

        Map<String, HttpResponse<byte[]>> now = new LinkedHashMap<>();
        long position = -1;
        long started = System.nanoTime();
        for (String report : REPORTS) {
            HttpResponse<byte[]> response = api.download("auditor", report, Map.of("Consistency-Position",
                    Long.toString(written)));
            assertThat(response.statusCode()).as(report + ": " + new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
            assertDigestHeaders(report, response);
            long reported = Long.parseLong(header(response, "Report-Position"));
            assertThat(reported).as(report).isGreaterThanOrEqualTo(written);
            if (position < 0) {
                position = reported;
            }
            assertThat(reported).as("every report of the same moment at the same position").isEqualTo(position);
            now.put(report, response);
        }
        String csv = new String(now.get(REPORTS.get(0)).body(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("indicator_code,").contains("POVERTY_RATE,");
        String commented = new String(now.get(REPORTS.get(1)).body(), StandardCharsets.UTF_8);
        assertThat(commented).startsWith("# PovertyLedger indicator table; position=" + position + ";")
                .endsWith(csv).contains("content-sha256=" + hex(sha256(csv.getBytes(StandardCharsets.UTF_8))));

        // the log grows: a correction-free new fact for 2024 and a revised observation
        household("HH-REP-LATE", "24541", true);
        post("/api/indicators/CLEAN_WATER/observations", map("unitCode", "653", "year", 2024, "value", 78.0,
                "source", "district report 2024, revised", "effectiveDate", "2024-12-31"));
        long grown = engine.head().position();
        assertSameAt(position, grown, now); // after the log grew
        HttpResponse<byte[]> present = api.download("auditor", REPORTS.get(0), Map.of("Consistency-Position",
                Long.toString(grown)));
        assertThat(present.body()).as("the present differs").isNotEqualTo(now.get(REPORTS.get(0)).body());

        StreamingEventProcessor indicators = processing.eventProcessor(IndicatorProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        indicators.shutDown();
        indicators.resetTokens();
        indicators.start();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        if (elapsedMillis < 2_500) {
            Thread.sleep(2_500 - elapsedMillis); // past a zip timestamp's two-second resolution
        }
        assertSameAt(position, grown, now); // after the rebuild

        // revalidation by entity tag
        HttpResponse<byte[]> first = now.get(REPORTS.get(2));
        String path = REPORTS.get(2) + "&asKnownAt=" + position;
        HttpResponse<byte[]> notModified = api.download("auditor", path, Map.of("If-None-Match",
                header(first, "ETag")));
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
    }

    /** Fetches every report at {@code position} (once the read model has processed {@code head}) and compares. */
    private void assertSameAt(long position, long head, Map<String, HttpResponse<byte[]>> before) {
        for (Map.Entry<String, HttpResponse<byte[]>> report : before.entrySet()) {
            HttpResponse<byte[]> again = api.download("auditor", report.getKey() + "&asKnownAt=" + position,
                    Map.of("Consistency-Position", Long.toString(head)));
            assertThat(again.statusCode()).as(report.getKey()).isEqualTo(200);
            assertThat(again.body()).as(report.getKey() + " byte for byte").isEqualTo(report.getValue().body());
            for (String name : List.of("Repr-Digest", "ETag", "Report-Position", "Report-Recorded-At")) {
                assertThat(header(again, name)).as(report.getKey() + " " + name)
                        .isEqualTo(header(report.getValue(), name));
            }
        }
    }

    private static void assertDigestHeaders(String report, HttpResponse<byte[]> response) throws Exception {
        byte[] digest = sha256(response.body());
        assertThat(header(response, "Repr-Digest")).as(report)
                .isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":");
        assertThat(header(response, "ETag")).as(report)
                .isEqualTo("\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"");
        assertThat(header(response, "Report-Recorded-At")).as(report).isNotBlank();
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private void household(String id, String commune, boolean poor) {
        post("/api/households", map("householdId", id, "communeCode", commune, "village", "Buon Jun",
                "area", "RURAL", "headName", "Head " + id, "ethnicity", "M'nong", "ethnicMinority", true,
                "members", 4));
        post("/api/households/" + id + "/assessments", map("reviewYear", 2024, "reviewKind", "PERIODIC",
                "surveyDate", "2024-10-15", "incomePerCapitaMonthly", poor ? 1_200_000 : 2_600_000,
                "livelihood", "OTHER", "deprivations", poor ? FOUR : List.of(), "decisionRef", "QD-2024",
                "effectiveDate", "2024-12-15"));
    }

    private JsonNode post(String path, Map<String, Object> body) {
        ApiClient.Response response = api.post("officer", path, body);
        assertThat(response.status()).as(path + ": " + response.body()).isBetween(200, 201);
        return response.json();
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
