package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyledger.deploy.ApiClient.map;

import java.nio.file.Path;
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
 * The reads that follow a commune's review over HTTP on the embedded store: the household list searched by
 * transition (the change that led to the current status, or a review year's), and the indicators "approved only"
 * beside "as recorded", before and after a period's approval and as known at a position in between.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewSignOffReadsEndToEndTest {

    private static final List<String> FOUR = List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER",
            "TELECOM_USE");
    private static final String TRANSITIONS = "NEWLY_POOR,RE_POOR,NEWLY_NEAR_POOR,POOR_TO_NEAR_POOR,"
            + "NEAR_POOR_TO_POOR,ESCAPED_POVERTY,ESCAPED_NEAR_POVERTY,FIRST_ASSESSED_ABOVE_LINE,ABOVE_LINE_RECLASSIFIED";

    @TempDir
    static Path dataDir;

    /** Both tests read units of one map; whichever runs first registers it. */
    private static boolean mapRegistered;

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
        if (!mapRegistered) {
            unit("66", "PROVINCE", null);
            unit("653", "DISTRICT", "66");
            unit("24610", "COMMUNE", "653");
            unit("24611", "COMMUNE", "653");
            unit("654", "DISTRICT", "66");
            unit("24621", "COMMUNE", "654");
            unit("24622", "COMMUNE", "654");
            post("/api/indicators", map("indicatorCode", "POVERTY_RATE", "name", "Multidimensional poverty rate",
                    "direction", "LOWER_IS_BETTER", "kind", "DERIVED", "measure", "POVERTY_RATE"));
            mapRegistered = true;
        }
    }

    @Test
    void theHouseholdListFindsHouseholdsByTransitionWithinTheOtherFiltersAndTheUsersScope() {
        household("TR-1", "24610", "Buon Ea");
        household("TR-2", "24610", "Buon Ea");
        household("TR-3", "24611", "Buon Ea");
        assess("TR-1", 2023, true);
        assess("TR-2", 2023, true);
        assess("TR-3", 2023, true);
        assess("TR-1", 2024, false);
        assess("TR-2", 2024, true);
        long last = assess("TR-3", 2024, false);
        // the village keeps the other test's households (same store) out of these pages
        String at = "&village=Buon%20Ea&minPosition=" + last;

        // alone: the change that led to the current status
        assertThat(ids("officer", "transition=ESCAPED_POVERTY" + at)).containsExactly("TR-1", "TR-3");
        assertThat(ids("officer", "transition=newly_poor" + at)).containsExactly("TR-2");
        // with a review year: that year's latest change
        assertThat(ids("officer", "transition=NEWLY_POOR&transitionYear=2023" + at))
                .containsExactly("TR-1", "TR-2", "TR-3");
        assertThat(ids("officer", "transition=ESCAPED_POVERTY&transitionYear=2023" + at)).isEmpty();
        // with the other filters, and inside the user's scope (the commune user sees 24610 only)
        assertThat(ids("officer", "transition=ESCAPED_POVERTY&communeCode=24611&status=NOT_POOR" + at))
                .containsExactly("TR-3");
        assertThat(ids("commune", "transition=ESCAPED_POVERTY&transitionYear=2024" + at)).containsExactly("TR-1");

        JsonNode row = api.get("auditor", "/api/households?transition=ESCAPED_POVERTY" + at).json()
                .path("items").get(0);
        assertThat(row.path("transition").asText()).isEqualTo("ESCAPED_POVERTY");
        assertThat(row.path("transitionYear").asInt()).isEqualTo(2024);

        ApiClient.Response unknown = api.get("auditor", "/api/households?transition=GOT_RICH");
        problem(unknown, "transition", "one-of:" + TRANSITIONS);
        assertThat(unknown.json().path("detail").asText()).contains("ESCAPED_POVERTY");
        problem(api.get("auditor", "/api/households?transitionYear=2024"), "transitionYear", "requires-transition");
        problem(api.get("auditor", "/api/households?transition=RE_POOR&transitionYear=1999"), "transitionYear",
                "min:2000");
    }

    @Test
    void approvedOnlyFiguresCountTheApprovedCommuneYearsAndChangeWhenAPeriodIsApproved() {
        // 2024: commune 24621 1 poor of 2, commune 24622 2 poor of 2; the district as recorded 3 of 4
        household("AP-1", "24621");
        household("AP-2", "24621");
        household("AP-3", "24622");
        household("AP-4", "24622");
        assess("AP-1", 2024, true);
        assess("AP-2", 2024, false);
        assess("AP-3", 2024, true);
        long reviewed = assess("AP-4", 2024, true);

        JsonNode recorded = value("654", "&minPosition=" + reviewed);
        assertThat(recorded.path("approval").asText()).isEqualTo("RECORDED");
        assertThat(recorded.path("value").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(recorded.path("leftOut").size()).isZero();
        JsonNode none = value("654", "&approval=approved&minPosition=" + reviewed);
        assertThat(none.path("approval").asText()).isEqualTo("APPROVED");
        assertThat(none.path("value").isNull()).isTrue();
        assertThat(leftOut(none)).containsExactly("24621:2024:OPEN", "24622:2024:OPEN");

        // commune 24621's list is submitted, then approved by another user
        long submitted = signOff("officer", "24621", "submission");
        assertThat(leftOut(value("654", "&approval=approved&minPosition=" + submitted)))
                .containsExactly("24621:2024:SUBMITTED", "24622:2024:OPEN");
        long approved = signOff("admin", "24621", "approval");

        JsonNode approvedOnly = value("654", "&approval=APPROVED&minPosition=" + approved);
        assertThat(approvedOnly.path("value").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(approvedOnly.path("numerator").asLong()).isEqualTo(1);
        assertThat(approvedOnly.path("denominator").asLong()).isEqualTo(2);
        assertThat(leftOut(approvedOnly)).containsExactly("24622:2024:OPEN");
        assertThat(value("654", "&minPosition=" + approved).path("value").decimalValue())
                .as("as recorded, unchanged by the sign-off").isEqualByComparingTo("75.00");

        // the table says the same, row by row
        JsonNode table = api.get("auditor",
                "/api/indicators/POVERTY_RATE/table?parent=654&year=2024&approval=approved").json();
        assertThat(table.path("approval").asText()).isEqualTo("APPROVED");
        assertThat(leftOut(table)).containsExactly("24622:2024:OPEN");
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        table.path("rows").forEach(r -> rows.put(r.path("unitCode").asText(), r.path("value")));
        assertThat(rows.get("654").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(rows.get("24621").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(rows.get("24622").isNull()).as("nothing approved to count").isTrue();

        // the second commune approved and locked: approved-only equals as recorded
        signOff("officer", "24622", "submission");
        signOff("admin", "24622", "approval");
        long locked = signOff("admin", "24622", "lock");
        JsonNode all = value("654", "&approval=approved&minPosition=" + locked);
        assertThat(all.path("value").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(all.path("leftOut").size()).isZero();

        // as known at the first approval, the second commune was still left out
        JsonNode then = value("654", "&approval=approved&asKnownAt=" + approved);
        assertThat(then.path("position").asLong()).isEqualTo(approved);
        assertThat(then.path("value").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(leftOut(then)).containsExactly("24622:2024:OPEN");

        problem(api.get("auditor", "/api/indicators/POVERTY_RATE/values?unit=654&year=2024&approval=signed"), "approval",
                "one-of:recorded,approved");
        problem(api.get("auditor", "/api/indicators/POVERTY_RATE/table?parent=654&year=2024&approval=x"), "approval",
                "one-of:recorded,approved");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private long post(String path, Map<String, Object> body) {
        ApiClient.Response response = api.post("officer", path, body);
        assertThat(response.status()).as(path + " " + response.body()).isBetween(200, 201);
        return response.json().path("position").asLong();
    }

    private void unit(String code, String level, String parent) {
        post("/api/geography/units", map("unitCode", code, "name", "Unit " + code, "level", level,
                "parentCode", parent, "flags", List.of(), "effectiveDate", "2020-01-01", "legalBasis", "QD-" + code));
    }

    private void household(String id, String commune) {
        household(id, commune, "Buon Jun");
    }

    private void household(String id, String commune, String village) {
        post("/api/households", map("householdId", id, "communeCode", commune, "village", village, "area", "RURAL",
                "headName", "Head " + id, "ethnicity", "M'nong", "ethnicMinority", true, "members", 4));
    }

    /** A periodic review through the real rulebook; returns the last position it wrote. */
    private long assess(String id, int year, boolean poor) {
        return post("/api/households/" + id + "/assessments", map(
                "reviewYear", year, "reviewKind", "PERIODIC", "surveyDate", year + "-10-15",
                "incomePerCapitaMonthly", poor ? 1_200_000 : 2_600_000, "livelihood", "OTHER",
                "deprivations", poor ? FOUR : List.of(), "decisionRef", "QD-" + year, "effectiveDate", year + "-12-15"));
    }

    private long signOff(String user, String commune, String step) {
        ApiClient.Response response = api.post(user, "/api/communes/" + commune + "/reviews/2024/" + step,
                map("decisionRef", "QD-" + step + "/2024/UBND"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("position").asLong();
    }

    private List<String> ids(String user, String query) {
        ApiClient.Response response = api.get(user, "/api/households?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("items").forEach(i -> ids.add(i.path("householdId").asText()));
        assertThat(response.json().path("total").asLong()).isEqualTo(ids.size());
        return ids;
    }

    private JsonNode value(String unit, String extra) {
        ApiClient.Response response = api.get("auditor",
                "/api/indicators/POVERTY_RATE/values?unit=" + unit + "&year=2024" + extra);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> leftOut(JsonNode answer) {
        List<String> periods = new ArrayList<>();
        answer.path("leftOut").forEach(p -> periods.add(p.path("communeCode").asText() + ":"
                + p.path("year").asInt() + ":" + p.path("state").asText()));
        return periods;
    }

    private static void problem(ApiClient.Response response, String field, String rule) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().path("field").asText()).isEqualTo(field);
        assertThat(response.json().path("rule").asText()).isEqualTo(rule);
    }
}
