package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyledger.deploy.ApiClient.map;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.query.household.HouseholdViewProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Read-your-writes over HTTP: a read naming the position its write answered with ({@code Consistency-Position}
 * header or {@code minPosition}) sees that write, every time; a read model that cannot catch up in time is a 503
 * naming it; a malformed or unwritten position is a 400 naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadYourWritesEndToEndTest {

    private static final String HEADER = "Consistency-Position";
    private static final List<String> FOUR = List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER",
            "TELECOM_USE");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
        registry.add("povertyledger.consistency.max-wait", () -> "3s");
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
    void everyReadNamingItsWritesPositionSeesTheWriteTwoHundredTimesInARow() {
        position(api.post("officer", "/api/geography/units", map("unitCode", "66", "name", "Dak Lak",
                "level", "PROVINCE", "effectiveDate", "2020-01-01", "legalBasis", "QD-124/2004")));
        position(api.post("officer", "/api/geography/units", map("unitCode", "653", "name", "Lak",
                "level", "DISTRICT", "parentCode", "66", "effectiveDate", "2020-01-01", "legalBasis", "QD-353")));
        position(api.post("officer", "/api/geography/units", map("unitCode", "24541", "name", "Dak Phoi",
                "level", "COMMUNE", "parentCode", "653", "effectiveDate", "2020-01-01", "legalBasis", "QD-861")));
        long defined = position(api.post("officer", "/api/indicators", map("indicatorCode", "POVERTY_RATE",
                "name", "Multidimensional poverty rate", "direction", "LOWER_IS_BETTER", "kind", "DERIVED",
                "measure", "POVERTY_RATE")));
        ApiClient.Response allocated = api.post("officer", "/api/allocations", map("programmeCode",
                "NTP-SPR-2021-2025", "subProjectCode", "P5", "fiscalYear", 2024, "source", "CENTRAL_BUDGET",
                "amount", 1_000_000_000L, "recipientUnitCode", "24541", "decisionRef", "QD-15/2024/UBND",
                "effectiveDate", "2024-01-15"));
        assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
        String allocationId = allocated.json().get("allocationId").asText();
        assertThat(read("/api/indicators", defined).status()).isEqualTo(200);

        long disbursed = 0;
        for (int i = 0; i < 200; i++) {
            String id = "HH-RYW-" + i;
            long registered = position(api.post("officer", "/api/households", household(id)));
            ApiClient.Response fresh = read("/api/households/" + id, registered);
            assertThat(fresh.status()).as("registration %d read at its position: %s", i, fresh.body()).isEqualTo(200);
            assertThat(fresh.json().get("status").asText()).isEqualTo("UNASSESSED");

            long assessed = position(api.post("officer", "/api/households/" + id + "/assessments", map(
                    "reviewYear", 2023, "reviewKind", "PERIODIC", "surveyDate", "2023-10-15",
                    "incomePerCapitaMonthly", 1_200_000, "livelihood", "OTHER", "deprivations", FOUR,
                    "decisionRef", "QD-2023", "effectiveDate", "2023-12-15")));
            ApiClient.Response view = read("/api/households/" + id, assessed);
            assertThat(view.status()).as(view.body()).isEqualTo(200);
            assertThat(view.json().get("status").asText()).as("household %d read at %d", i, assessed)
                    .isEqualTo("POOR");
            assertThat(Long.parseLong(view.header(HEADER))).isGreaterThanOrEqualTo(assessed);

            // the same through the parameter, on the single-segment indicators read model
            ApiClient.Response rate = api.get("auditor",
                    "/api/indicators/POVERTY_RATE/values?unit=24541&year=2023&minPosition=" + assessed);
            assertThat(rate.status()).as(rate.body()).isEqualTo(200);
            assertThat(rate.json().get("numerator").asLong()).as("poor households after %d assessments", i + 1)
                    .isEqualTo(i + 1);
            assertThat(rate.json().get("position").asLong()).isGreaterThanOrEqualTo(assessed);

            if (i % 10 == 0) {
                ApiClient.Response paid = api.post("officer", "/api/allocations/" + allocationId + "/disbursements",
                        map("amount", 1_000_000L, "disbursementDate", "2024-03-10", "purpose", "works",
                                "payee", "Commune PC"));
                disbursed += 1_000_000L;
                ApiClient.Response allocation = read("/api/allocations/" + allocationId, position(paid));
                assertThat(allocation.status()).as(allocation.body()).isEqualTo(200);
                assertThat(allocation.json().get("figures").get("disbursed").asLong()).isEqualTo(disbursed);
                ApiClient.Response ledger = read("/api/programmes/NTP-SPR-2021-2025/funding-ledger", position(paid));
                assertThat(ledger.status()).as(ledger.body()).isEqualTo(200);
            }
        }
    }

    @Test
    void aReadModelThatCannotReachThePositionInTimeIsA503NamingIt() {
        StreamingEventProcessor view = processing.eventProcessor(HouseholdViewProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        view.shutDown();
        try {
            long registered = position(api.post("officer", "/api/households", household("HH-RYW-STOPPED")));
            long started = System.nanoTime();
            ApiClient.Response behind = read("/api/households/HH-RYW-STOPPED", registered);
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(behind.status()).as(behind.body()).isEqualTo(503);
            assertThat(behind.header("Content-Type")).startsWith("application/problem+json");
            assertThat(behind.json().get("code").asText()).isEqualTo("PROJECTION_BEHIND");
            assertThat(behind.json().get("projection").asText()).isEqualTo(HouseholdViewProjection.PROCESSING_GROUP);
            assertThat(behind.json().get("requiredPosition").asLong()).isEqualTo(registered);
            assertThat(behind.json().get("projectionPosition").asLong()).isLessThan(registered);
            assertThat(behind.header("Retry-After")).isEqualTo("3");
            assertThat(waitedMillis).as("waited for the configured bound").isGreaterThanOrEqualTo(2_900);

            // a read model the processor does not feed is not held up by it
            ApiClient.Response history = read("/api/households/HH-RYW-STOPPED/history", registered);
            assertThat(history.status()).as(history.body()).isEqualTo(200);
        } finally {
            view.start();
        }
        long registered = position(api.post("officer", "/api/households", household("HH-RYW-RESUMED")));
        assertThat(read("/api/households/HH-RYW-STOPPED", registered).status()).isEqualTo(200);
    }

    @Test
    void aMalformedOrUnwrittenPositionIsA400NamingTheField() {
        long registered = position(api.post("officer", "/api/households", household("HH-RYW-BAD")));
        assertProblem(read("/api/households/HH-RYW-BAD", "twelve"), HEADER, "type:long", "VALIDATION_FAILED");
        assertProblem(api.get("auditor", "/api/households/HH-RYW-BAD?minPosition=-1"), "minPosition", "min:0",
                "VALIDATION_FAILED");
        assertProblem(api.get("auditor", "/api/households/HH-RYW-BAD?minPosition=" + (registered + 1),
                        Map.of(HEADER, Long.toString(registered))), "minPosition", "equals:" + HEADER,
                "VALIDATION_FAILED");
        long head = engine.head().position();
        ApiClient.Response ahead = read("/api/households/HH-RYW-BAD", head + 1_000);
        assertProblem(ahead, HEADER, "at-most:ledger-head", "POSITION_BEYOND_HEAD");
        assertThat(ahead.json().get("ledgerHead").asLong()).isGreaterThanOrEqualTo(head);
        assertProblem(api.get("integrator", "/api/feed?after=0&minPosition=" + (head + 1_000)), "minPosition",
                "at-most:ledger-head", "POSITION_BEYOND_HEAD");

        // the same value twice agrees; the ledger readers answer once the ledger holds the position
        assertThat(api.get("auditor", "/api/households/HH-RYW-BAD?minPosition=" + registered,
                Map.of(HEADER, Long.toString(registered))).status()).isEqualTo(200);
        ApiClient.Response feed = api.get("integrator", "/api/feed?after=0", Map.of(HEADER, Long.toString(registered)));
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        assertThat(Long.parseLong(feed.header(HEADER))).isGreaterThanOrEqualTo(registered);
    }

    @Test
    void everyDeclaredReadNamesThePositionItWasServedAtWithoutBeingAsked() {
        long registered = position(api.post("officer", "/api/households", household("HH-RYW-PLAIN")));
        read("/api/households/HH-RYW-PLAIN", registered);
        for (String path : List.of("/api/households?page=0&size=5", "/api/households/HH-RYW-PLAIN/history",
                "/api/households/HH-RYW-PLAIN/benefits", "/api/indicators", "/api/geography/tree",
                "/api/programmes/NTP-SPR-2021-2025", "/api/feed/subscriptions")) {
            String user = path.startsWith("/api/feed") ? "integrator" : "auditor";
            ApiClient.Response response = api.get(user, path);
            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
            assertThat(response.header(HEADER)).as(path).matches("\\d+");
        }
        assertThat(Long.parseLong(api.get("auditor", "/api/households/HH-RYW-PLAIN").header(HEADER)))
                .isGreaterThanOrEqualTo(registered);
    }

    private ApiClient.Response read(String path, long position) {
        return read(path, Long.toString(position));
    }

    private ApiClient.Response read(String path, String position) {
        return api.get("auditor", path, Map.of(HEADER, position));
    }

    private static void assertProblem(ApiClient.Response response, String field, String rule, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(response.json().get("rule").asText()).isEqualTo(rule);
    }

    private static long position(ApiClient.Response write) {
        assertThat(write.status()).as(write.body()).isBetween(200, 201);
        JsonNode position = write.json().get("position");
        assertThat(position).as("write answers with its position: " + write.body()).isNotNull();
        return position.asLong();
    }

    private static Map<String, Object> household(String id) {
        return map("householdId", id, "communeCode", "24541", "village", "Buon Jun", "area", "RURAL",
                "headName", "Head " + id, "ethnicity", "M'nong", "ethnicMinority", true, "members", 4);
    }
}
