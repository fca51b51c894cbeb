package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
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
 * Boots the real application on the embedded store and drives programme structure, funding, outputs and benefits
 * over HTTP; the funding ledger is checked against figures computed by hand, now and as of earlier dates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProgrammeFundingEndToEndTest {

    private static final String NTP = "NTP-SPR-2021-2025";
    /** A programme registered through the API for the tests that must leave NTP's ledger to the hand computation. */
    private static final String SIDE = "TEST-SIDE";
    private static final long M = 1_000_000L;
    private static final List<String> PROCESSORS = List.of("programme-structure", "funding-ledger",
            "programme-outputs", "benefit-coverage");
    private static final List<String> READ_MODELS = List.of("programme_structure", "funding_allocations",
            "programme_outputs", "household_benefits");

    @TempDir
    static Path dataDir;

    /** The structure is loaded through the endpoint here, so that the first load can be observed. */
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
        registry.add("povertyledger.programme.load-reference-on-start", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    @Autowired
    MongoLedgerStorageEngine engine;

    @Autowired
    EventProcessingConfiguration processing;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        ApiClient.Response load = api.post("admin", "/api/programmes/reference-structure", "");
        assertThat(load.status()).as(load.body()).isEqualTo(200);
        registerIfMissing("/api/programmes", Map.of("programmeCode", SIDE, "name", "Side programme",
                "firstYear", 2021, "lastYear", 2025, "legalBasis", "QD-TEST", "effectiveDate", "2021-01-01"));
        registerIfMissing("/api/programmes/" + SIDE + "/projects", Map.of("projectCode", "P3", "name", "Production"));
        registerIfMissing("/api/programmes/" + SIDE + "/projects", Map.of("projectCode", "P5", "name", "Housing"));
        registerIfMissing("/api/programmes/" + SIDE + "/sub-projects", Map.of("subProjectCode", "P3.SP1",
                "name", "Agricultural production", "managingAgency", "MARD", "effectiveDate", "2021-01-01"));
        registerIfMissing("/api/programmes/" + SIDE + "/sub-projects", Map.of("subProjectCode", "P5",
                "name", "Housing", "managingAgency", "MOC", "effectiveDate", "2021-01-01"));
    }

    private void registerIfMissing(String path, Map<String, Object> body) {
        ApiClient.Response response = api.post("officer", path, body);
        assertThat(response.status()).as(response.body()).isIn(201, 409);
        if (response.status() == 409) {
            assertThat(response.json().get("code").asText()).endsWith("_ALREADY_REGISTERED");
        }
    }

    @Test
    void loadingTheReferenceStructureTwiceRegistersEveryElementOnceAndTheAgencyIsVersioned() {
        long head = engine.head().position();
        ApiClient.Response again = api.post("officer", "/api/programmes/reference-structure", "");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("registered")).isEmpty();
        assertThat(again.json().get("alreadyPresent")).hasSize(20);
        assertThat(engine.head().position()).as("a second load writes nothing").isEqualTo(head);
        assertThat(countInLedger("SubProjectRegisteredEvent", NTP)).isEqualTo(12);
        assertThat(countInLedger("ProjectRegisteredEvent", NTP)).isEqualTo(7);
        assertThat(countInLedger("ProgrammeRegisteredEvent", NTP)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode structure = api.get("auditor", "/api/programmes/" + NTP).json();
            assertThat(structure.get("projects").findValuesAsText("projectCode"))
                    .containsExactly("P1", "P2", "P3", "P4", "P5", "P6", "P7");
            assertThat(structure.get("projects").findValues("subProjects").stream().map(JsonNode::size).toList())
                    .containsExactly(1, 1, 2, 3, 1, 2, 2);
        });

        ApiClient.Response moved = api.post("officer", "/api/programmes/" + NTP + "/sub-projects/P4.SP2/managing-agency",
                Map.of("managingAgency", "Ministry of Home Affairs", "effectiveDate", "2025-03-01",
                        "decisionRef", "176/2025/QH15"));
        if (moved.status() == 409) {
            // another test of this class already moved it
            assertThat(moved.json().get("code").asText()).isEqualTo("AGENCY_UNCHANGED");
        } else {
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(agencyOf("P4.SP2", "2025-06-30")).isEqualTo("Ministry of Home Affairs"));
        assertThat(agencyOf("P4.SP2", "2024-12-31")).isEqualTo("Ministry of Labour, Invalids and Social Affairs");
        assertThat(agencyOf("P4.SP2", "2021-06-30")).as("before Decision 90 took effect").isNull();

        ApiClient.Response unknown = api.get("auditor", "/api/programmes/NO-SUCH-PROGRAMME");
        assertProblem(unknown, 404, "PROGRAMME_NOT_FOUND", "programmeCode");
    }

    @Test
    void fundsAreAllocatedDisbursedAdjustedAndClosedAndTheLedgerEqualsAHandComputationOnAnyDate() {
        String a1 = allocate("P5", 2024, "CENTRAL_BUDGET", 1_000 * M, "24541", "2024-01-15");
        String a2 = allocate("P5", 2024, "LOCAL_BUDGET", 200 * M, "24541", "2024-02-01");
        String a3 = allocate("P4.SP2", 2024, "CENTRAL_BUDGET", 300 * M, "24544", "2024-01-20");
        String a4 = allocate("P4.SP1", 2023, "CENTRAL_BUDGET", 150 * M, "24541", "2023-03-01");

        disburse(a1, 400 * M, "2024-03-10");
        JsonNode second = disburse(a1, 250 * M, "2024-06-20");
        assertThat(second.get("disbursed").asLong()).isEqualTo(650 * M);
        assertThat(second.get("remaining").asLong()).isEqualTo(350 * M);
        disburse(a2, 50 * M, "2024-04-05");
        disburse(a3, 120 * M, "2024-05-15");
        disburse(a4, 150 * M, "2023-09-01");

        long head = engine.head().position();
        ApiClient.Response over = api.post("officer", "/api/allocations/" + a1 + "/disbursements",
                disbursement(400 * M, "2024-07-01"));
        assertProblem(over, 409, "DISBURSEMENT_EXCEEDS_ALLOCATION", "amount");
        assertThat(over.json().get("rule").asText()).isEqualTo("disbursed-not-above-allocated");
        assertThat(over.json().get("allocated").asLong()).isEqualTo(1_000 * M);
        assertThat(over.json().get("disbursed").asLong()).isEqualTo(650 * M);
        assertThat(over.json().get("requested").asLong()).isEqualTo(400 * M);

        ApiClient.Response below = api.post("officer", "/api/allocations/" + a1 + "/adjustments",
                adjustment("DECREASE", 400 * M, "2024-09-01"));
        assertProblem(below, 409, "ALLOCATION_BELOW_DISBURSED", "amount");
        assertThat(below.json().get("allocated").asLong()).isEqualTo(1_000 * M);
        assertThat(below.json().get("disbursed").asLong()).isEqualTo(650 * M);
        assertThat(below.json().get("requested").asLong()).isEqualTo(400 * M);
        assertThat(engine.head().position()).as("refusals write nothing").isEqualTo(head);

        assertThat(api.post("officer", "/api/allocations/" + a1 + "/adjustments",
                adjustment("DECREASE", 300 * M, "2024-09-01")).status()).isEqualTo(201);
        assertThat(api.post("officer", "/api/allocations/" + a2 + "/adjustments",
                adjustment("INCREASE", 100 * M, "2024-07-01")).status()).isEqualTo(201);
        ApiClient.Response closed = api.post("officer", "/api/allocations/" + a3 + "/closure",
                Map.of("closingDate", "2024-12-31", "reason", "fiscal year ended"));
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(api.post("officer", "/api/allocations/" + a4 + "/closure",
                Map.of("closingDate", "2023-12-31", "reason", "fully disbursed")).status()).isEqualTo(200);
        assertProblem(api.post("officer", "/api/allocations/" + a3 + "/disbursements",
                disbursement(M, "2025-01-05")), 409, "ALLOCATION_CLOSED", "allocationId");
        long lastWrite = engine.head().position();

        // By hand, everything recorded: P5 = A1 (1000 - 300 = 700 allocated, 650 disbursed) + A2 (200 + 100 = 300,
        // 50); P4.SP2 = A3 (300, 120, closed: 180 lapsed); P4.SP1 = A4 (150, 150, closed: 0 lapsed).
        JsonNode now = awaitLedger("", lastWrite);
        assertFigures(now.get("totals"), 1_450 * M, 970 * M, 300 * M, 180 * M, "66.90", 4);
        assertFigures(project(now, "P5").get("totals"), 1_000 * M, 700 * M, 300 * M, 0, "70.00", 2);
        assertFigures(project(now, "P4").get("totals"), 450 * M, 270 * M, 0, 180 * M, "60.00", 2);
        assertFigures(subProject(now, "P4", "P4.SP2").get("totals"), 300 * M, 120 * M, 0, 180 * M, "40.00", 1);
        JsonNode p5Rows = subProject(now, "P5", "P5").get("rows");
        assertThat(p5Rows).hasSize(2);
        assertThat(p5Rows.get(0).get("source").asText()).isEqualTo("CENTRAL_BUDGET");
        assertFigures(p5Rows.get(0).get("figures"), 700 * M, 650 * M, 50 * M, 0, "92.86", 1);
        assertFigures(p5Rows.get(1).get("figures"), 300 * M, 50 * M, 250 * M, 0, "16.67", 1);
        assertThat(now.get("name").asText()).startsWith("National Target Program");
        assertThat(project(now, "P5").get("name").asText()).startsWith("Housing support");

        // As of 1 May 2024: A1's second disbursement, A3's disbursement, and both adjustments lie ahead; A4 closed.
        JsonNode may = api.get("auditor", "/api/programmes/" + NTP + "/funding-ledger?asOf=2024-05-01").json();
        assertFigures(may.get("totals"), 1_650 * M, 600 * M, 1_050 * M, 0, "36.36", 4);
        assertFigures(project(may, "P5").get("totals"), 1_200 * M, 450 * M, 750 * M, 0, "37.50", 2);
        // As of 16 January 2024 only A1 and A4 had taken effect.
        JsonNode january = api.get("auditor", "/api/programmes/" + NTP + "/funding-ledger?asOf=2024-01-16").json();
        assertFigures(january.get("totals"), 1_150 * M, 150 * M, 1_000 * M, 0, "13.04", 2);
        // Filtered: fiscal year 2024, central budget.
        JsonNode central2024 = api.get("auditor", "/api/programmes/" + NTP
                + "/funding-ledger?fiscalYear=2024&source=CENTRAL_BUDGET").json();
        assertFigures(central2024.get("totals"), 1_000 * M, 770 * M, 50 * M, 180 * M, "77.00", 2);

        JsonNode history = api.get("auditor", "/api/allocations/" + a1).json();
        assertThat(history.get("entries").findValuesAsText("type"))
                .containsExactly("ALLOCATED", "DISBURSED", "DISBURSED", "ADJUSTED");
        assertThat(history.get("entries").get(3).get("amount").asLong()).isEqualTo(-300 * M);
        assertThat(history.get("entries").get(3).get("allocatedAfter").asLong()).isEqualTo(700 * M);
        assertThat(history.get("entries").get(1).get("actorId").asText()).isEqualTo("officer");
        assertThat(history.get("status").asText()).isEqualTo("OPEN");
        JsonNode historyInMay = api.get("auditor", "/api/allocations/" + a1 + "?asOf=2024-05-01").json();
        assertThat(historyInMay.get("figures").get("disbursed").asLong()).isEqualTo(400 * M);
        assertThat(historyInMay.get("entries").findValues("inEffect").stream().map(JsonNode::asBoolean).toList())
                .containsExactly(true, true, false, false);
        assertThat(api.get("auditor", "/api/allocations/" + a3).json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(api.get("auditor", "/api/allocations/" + a3 + "?asOf=2024-01-19").json().get("status").asText())
                .isEqualTo("NOT_YET_ALLOCATED");
    }

    @Test
    void badFundingRequestsAreRefusedNamingTheFieldTheRuleOrWhatIsMissing() {
        Map<String, Object> zero = allocation(SIDE, "P5", 2024, "CENTRAL_BUDGET", 0, "24541", "2024-01-15");
        ApiClient.Response zeroAmount = api.post("officer", "/api/allocations", zero);
        assertProblem(zeroAmount, 400, "VALIDATION_FAILED", "amount");
        assertThat(zeroAmount.json().get("rule").asText()).isEqualTo("positive");

        ApiClient.Response outside = api.post("officer", "/api/allocations",
                allocation(SIDE, "P5", 2026, "CENTRAL_BUDGET", M, "24541", "2026-01-15"));
        assertProblem(outside, 400, "OUTSIDE_PROGRAMME_PERIOD", "fiscalYear");

        assertProblem(api.post("officer", "/api/allocations",
                allocation(SIDE, "P9.SP1", 2024, "CENTRAL_BUDGET", M, "24541", "2024-01-15")), 404,
                "SUB_PROJECT_NOT_FOUND", "subProjectCode");
        Map<String, Object> unknownProgramme = allocation(SIDE, "P5", 2024, "CENTRAL_BUDGET", M, "24541", "2024-01-15");
        unknownProgramme.put("programmeCode", "NTP-NONE");
        assertProblem(api.post("officer", "/api/allocations", unknownProgramme), 404, "PROGRAMME_NOT_FOUND",
                "programmeCode");
        Map<String, Object> badSource = allocation(SIDE, "P5", 2024, "BANK_LOAN", M, "24541", "2024-01-15");
        assertProblem(api.post("officer", "/api/allocations", badSource), 400, "VALIDATION_FAILED", "source");
        assertProblem(api.post("officer", "/api/allocations/AL-NONE/disbursements", disbursement(M, "2024-02-01")),
                404, "ALLOCATION_NOT_FOUND", "allocationId");
        assertProblem(api.get("auditor", "/api/allocations/AL-NONE"), 404, "ALLOCATION_NOT_FOUND", "allocationId");
        assertThat(api.post("auditor", "/api/allocations",
                allocation(SIDE, "P5", 2024, "CENTRAL_BUDGET", M, "24541", "2024-01-15")).status()).isEqualTo(403);

        String id = allocate(SIDE, "P5", 2024, "OTHER", 10 * M, "24541", "2024-01-15");
        assertProblem(api.post("officer", "/api/allocations/" + id + "/disbursements", disbursement(M, "2024-01-14")),
                409, "DATE_OUT_OF_SEQUENCE", "disbursementDate");
        ApiClient.Response duplicate = api.post("officer", "/api/allocations",
                Map.of("allocationId", id, "programmeCode", SIDE, "subProjectCode", "P5", "fiscalYear", 2024,
                        "source", "OTHER", "amount", M, "recipientUnitCode", "24541", "decisionRef", "QD-9",
                        "effectiveDate", "2024-01-15"));
        assertProblem(duplicate, 409, "ALLOCATION_ALREADY_EXISTS", "allocationId");
    }

    @Test
    void outputsAreRecordedWithBeneficiariesAndComparedWithThePlanOnAnyDate() {
        String household = household("24541", 1_200_000, List.of("HEALTH_INSURANCE", "HOUSING_QUALITY",
                "DOMESTIC_WATER", "TELECOM_USE"));
        String allocationId = allocate(SIDE, "P5", 2024, "CENTRAL_BUDGET", 500 * M, "24541", "2024-01-15");
        String outputs = "/api/programmes/" + SIDE + "/sub-projects/P5/outputs";
        String plans = "/api/programmes/" + SIDE + "/sub-projects/P5/output-plans";
        assertThat(api.post("officer", plans, plan(20, "2024-01-10")).status()).isEqualTo(201);
        assertThat(api.post("officer", plans, plan(25, "2024-06-01")).status()).isEqualTo(201);
        ApiClient.Response first = api.post("officer", outputs, output("8", "2024-01-01", "2024-06-30",
                List.of(household), allocationId));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(api.post("officer", outputs, output("6", "2024-07-01", "2024-09-30", List.of(), null)).status())
                .isEqualTo(201);

        assertProblem(api.post("officer", outputs, output("1", "2024-01-01", "2024-01-31", List.of("HH-NOBODY"), null)),
                404, "HOUSEHOLD_NOT_FOUND", "beneficiaries[0]");
        Map<String, Object> wrongUnit = output("1", "2024-01-01", "2024-01-31", List.of(), null);
        wrongUnit.put("unit", "km");
        assertProblem(api.post("officer", outputs, wrongUnit), 400, "VALIDATION_FAILED", "unit");
        long lastWrite = engine.head().position();

        String query = "/api/programmes/" + SIDE + "/outputs?subProjectCode=P5&year=2024&communeCode=24541";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = api.get("auditor", query).json();
            assertThat(view.get("position").asLong()).isGreaterThanOrEqualTo(lastWrite);
            assertRow(view.get("rows").get(0), "25", "14", "56.00", 2, 1);
        });
        assertRow(api.get("auditor", query + "&asOf=2024-07-15").json().get("rows").get(0), "25", "8", "32.00", 1, 1);
        assertRow(api.get("auditor", query + "&asOf=2024-03-01").json().get("rows").get(0), "20", "0", "0.00", 0, 0);

        JsonNode records = api.get("auditor", outputs).json().get("outputs");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("beneficiaries").get(0).asText()).isEqualTo(household);
        assertThat(records.get(0).get("allocationId").asText()).isEqualTo(allocationId);
    }

    @Test
    void benefitsAreRecordedOnlyWhereTheEligibilityRuleHoldsAndCoverageIsReportedPerCommuneAndYear() {
        String commune = "24599";
        String poor = household(commune, 1_200_000, List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER",
                "TELECOM_USE"));
        String nearPoor = household(commune, 1_200_000, List.of("TELECOM_USE"));
        String notPoor = household(commune, 3_000_000, List.of());
        String allocationId = allocate(SIDE, "P5", 2024, "CENTRAL_BUDGET", 100 * M, commune, "2024-01-15");

        ApiClient.Response housing = api.post("officer", "/api/households/" + poor + "/benefits",
                Map.of("kind", "HOUSING_SUPPORT", "benefitDate", "2024-05-01", "housingKind", "NEW",
                        "allocationId", allocationId));
        assertThat(housing.status()).as(housing.body()).isEqualTo(201);
        assertThat(housing.json().get("eligibilityRule").asText()).isEqualTo("housing-support:poor-or-near-poor");
        assertThat(housing.json().get("statusOnDate").asText()).isEqualTo("POOR");

        long head = engine.head().position();
        ApiClient.Response refused = api.post("officer", "/api/households/" + notPoor + "/benefits",
                Map.of("kind", "HOUSING_SUPPORT", "benefitDate", "2024-05-01", "housingKind", "REPAIR"));
        assertProblem(refused, 409, "BENEFIT_NOT_ELIGIBLE", "kind");
        assertThat(refused.json().get("rule").asText()).isEqualTo("housing-support:poor-or-near-poor");
        assertThat(refused.json().get("statusOnDate").asText()).isEqualTo("NOT_POOR");
        assertThat(engine.head().position()).isEqualTo(head);

        assertThat(api.post("officer", "/api/households/" + poor + "/benefits",
                Map.of("kind", "HEALTH_INSURANCE_CARD", "benefitDate", "2024-01-05", "coverageYear", 2024)).status())
                .isEqualTo(201);
        assertProblem(api.post("officer", "/api/households/" + poor + "/benefits",
                Map.of("kind", "HEALTH_INSURANCE_CARD", "benefitDate", "2024-02-05", "coverageYear", 2024)),
                409, "BENEFIT_ALREADY_RECORDED", "coverageYear");
        assertThat(api.post("officer", "/api/households/" + nearPoor + "/benefits",
                Map.of("kind", "PREFERENTIAL_LOAN", "benefitDate", "2024-03-01", "amount", 50 * M,
                        "lender", "Vietnam Bank for Social Policies")).status()).isEqualTo(201);
        assertProblem(api.post("officer", "/api/households/HH-NOBODY/benefits",
                Map.of("kind", "PREFERENTIAL_LOAN", "benefitDate", "2024-03-01", "amount", M, "lender", "VBSP")),
                404, "HOUSEHOLD_NOT_FOUND", "householdId");
        assertProblem(api.post("officer", "/api/households/" + poor + "/benefits",
                Map.of("kind", "HEALTH_INSURANCE_CARD", "benefitDate", "2024-02-05", "lender", "VBSP")),
                400, "VALIDATION_FAILED", "lender");

        String coverage = "/api/benefits/coverage?year=2024&communeCode=" + commune;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode unit = api.get("auditor", coverage).json().get("units").get(0);
            assertThat(unit.get("households").asInt()).isEqualTo(3);
            assertThat(unit.get("poor").asInt()).isEqualTo(1);
            assertThat(unit.get("nearPoor").asInt()).isEqualTo(1);
            assertCoverage(unit.get("healthInsuranceOfPoor"), 1, 1, "100.00");
            assertCoverage(unit.get("preferentialLoanOfEligible"), 2, 1, "50.00");
            JsonNode housingCount = unit.get("benefits").findParents("kind").stream()
                    .filter(k -> k.get("kind").asText().equals("HOUSING_SUPPORT")).findFirst().orElseThrow();
            assertThat(housingCount.get("amount").asLong()).isEqualTo(40 * M);
        });
        JsonNode april = api.get("auditor", coverage + "&asOf=2024-04-01").json();
        assertThat(april.get("referenceDate").asText()).isEqualTo("2024-04-01");
        assertThat(april.get("units").get(0).get("benefits").findValuesAsText("kind"))
                .containsExactly("HEALTH_INSURANCE_CARD", "PREFERENTIAL_LOAN");
        JsonNode before = api.get("auditor", coverage + "&asOf=2023-12-01").json().get("units").get(0);
        assertThat(before.get("poor").asInt()).as("assessed only from 15 December 2023").isZero();

        JsonNode benefits = api.get("auditor", "/api/households/" + poor + "/benefits").json().get("benefits");
        assertThat(benefits.findValuesAsText("kind")).containsExactly("HEALTH_INSURANCE_CARD", "HOUSING_SUPPORT");
        assertThat(benefits.get(1).get("subProjectCode").asText()).isEqualTo("P5");
        assertThat(benefits.get(1).get("amount").asLong()).isEqualTo(40 * M);
    }

    @Test
    void resettingAndReplayingTheProgrammeProjectionsRebuildsTheSameDocuments() {
        String id = allocate(SIDE, "P3.SP1", 2022, "LOCAL_BUDGET", 80 * M, "24541", "2022-03-01");
        disburse(id, 30 * M, "2022-04-01");
        awaitCaughtUp();
        Map<String, List<Document>> live = readModels();
        for (String name : PROCESSORS) {
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
        }
        for (String collection : READ_MODELS) {
            assertThat(database.getCollection(collection).countDocuments()).as(collection + " after reset").isZero();
        }
        PROCESSORS.forEach(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow().start());
        awaitCaughtUp();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(readModels()).isEqualTo(live));
        assertThat(live.get("funding_allocations")).isNotEmpty();
        assertThat(api.get("auditor", "/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
    }

    // --- helpers ---

    private String household(String commune, long income, List<String> deprivations) {
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
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("reviewYear", 2023);
        review.put("reviewKind", "PERIODIC");
        review.put("surveyDate", "2023-10-15");
        review.put("incomePerCapitaMonthly", income);
        review.put("livelihood", "FARMING_FORESTRY_FISHERY_SALT");
        review.put("deprivations", deprivations);
        review.put("decisionRef", "QD-2023/UBND");
        review.put("effectiveDate", "2023-12-15");
        ApiClient.Response assessed = api.post("officer", "/api/households/" + id + "/assessments", review);
        assertThat(assessed.status()).as(assessed.body()).isEqualTo(201);
        return id;
    }

    private static Map<String, Object> allocation(String subProject, int year, String source, long amount,
                                                  String unit, String effectiveDate) {
        return allocation(NTP, subProject, year, source, amount, unit, effectiveDate);
    }

    private static Map<String, Object> allocation(String programme, String subProject, int year, String source,
                                                  long amount, String unit, String effectiveDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programmeCode", programme);
        body.put("subProjectCode", subProject);
        body.put("fiscalYear", year);
        body.put("source", source);
        body.put("amount", amount);
        body.put("recipientUnitCode", unit);
        body.put("decisionRef", "QD-" + year + "/UBND");
        body.put("effectiveDate", effectiveDate);
        return body;
    }

    private String allocate(String subProject, int year, String source, long amount, String unit,
                            String effectiveDate) {
        return allocate(NTP, subProject, year, source, amount, unit, effectiveDate);
    }

    private String allocate(String programme, String subProject, int year, String source, long amount, String unit,
                            String effectiveDate) {
        ApiClient.Response response = api.post("officer", "/api/allocations",
                allocation(programme, subProject, year, source, amount, unit, effectiveDate));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("allocated").asLong()).isEqualTo(amount);
        return response.json().get("allocationId").asText();
    }

    private static Map<String, Object> disbursement(long amount, String date) {
        return Map.of("amount", amount, "disbursementDate", date, "purpose", "works", "payee", "Commune PC");
    }

    private JsonNode disburse(String allocationId, long amount, String date) {
        ApiClient.Response response = api.post("officer", "/api/allocations/" + allocationId + "/disbursements",
                disbursement(amount, date));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static Map<String, Object> adjustment(String direction, long amount, String date) {
        return Map.of("direction", direction, "amount", amount, "decisionRef", "QD-ADJ/UBND", "effectiveDate", date,
                "reason", "mid-year budget review");
    }

    private static Map<String, Object> plan(int quantity, String effectiveDate) {
        return Map.of("outputCode", "HOUSES_BUILT", "year", 2024, "communeCode", "24541", "quantity", quantity,
                "decisionRef", "KH-" + effectiveDate, "effectiveDate", effectiveDate);
    }

    private static Map<String, Object> output(String quantity, String from, String to, List<String> beneficiaries,
                                              String allocationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outputCode", "HOUSES_BUILT");
        body.put("quantity", new BigDecimal(quantity));
        body.put("unit", "house");
        body.put("periodFrom", from);
        body.put("periodTo", to);
        body.put("communeCode", "24541");
        body.put("beneficiaries", beneficiaries);
        body.put("allocationId", allocationId);
        return body;
    }

    private JsonNode awaitLedger(String filter, long position) {
        String path = "/api/programmes/" + NTP + "/funding-ledger" + filter;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.get("auditor", path).json().get("position").asLong()).isGreaterThanOrEqualTo(position));
        return api.get("auditor", path).json();
    }

    private String agencyOf(String subProject, String asOf) {
        JsonNode structure = api.get("auditor", "/api/programmes/" + NTP + "?asOf=" + asOf).json();
        for (JsonNode project : structure.get("projects")) {
            for (JsonNode line : project.get("subProjects")) {
                if (line.get("subProjectCode").asText().equals(subProject)) {
                    return line.get("managingAgency").isNull() ? null : line.get("managingAgency").asText();
                }
            }
        }
        throw new AssertionError("no sub-project " + subProject);
    }

    private static JsonNode project(JsonNode ledger, String code) {
        for (JsonNode project : ledger.get("projects")) {
            if (project.get("projectCode").asText().equals(code)) {
                return project;
            }
        }
        throw new AssertionError("no project " + code + " in " + ledger);
    }

    private static JsonNode subProject(JsonNode ledger, String projectCode, String code) {
        for (JsonNode line : project(ledger, projectCode).get("subProjects")) {
            if (line.get("subProjectCode").asText().equals(code)) {
                return line;
            }
        }
        throw new AssertionError("no sub-project " + code);
    }

    private static void assertFigures(JsonNode figures, long allocated, long disbursed, long remaining, long lapsed,
                                      String rate, int allocations) {
        assertThat(figures.get("allocated").asLong()).as("allocated in " + figures).isEqualTo(allocated);
        assertThat(figures.get("disbursed").asLong()).as("disbursed in " + figures).isEqualTo(disbursed);
        assertThat(figures.get("remaining").asLong()).as("remaining in " + figures).isEqualTo(remaining);
        assertThat(figures.get("lapsed").asLong()).as("lapsed in " + figures).isEqualTo(lapsed);
        assertThat(figures.get("disbursementRate").decimalValue()).as("rate in " + figures)
                .isEqualByComparingTo(rate);
        assertThat(figures.get("allocations").asInt()).as("allocations in " + figures).isEqualTo(allocations);
    }

    private static void assertRow(JsonNode row, String planned, String achieved, String rate, int records,
                                  int beneficiaries) {
        assertThat(row.get("planned").decimalValue()).isEqualByComparingTo(planned);
        assertThat(row.get("achieved").decimalValue()).isEqualByComparingTo(achieved);
        assertThat(row.get("achievementRate").decimalValue()).isEqualByComparingTo(rate);
        assertThat(row.get("records").asInt()).isEqualTo(records);
        assertThat(row.get("beneficiaryHouseholds").asInt()).isEqualTo(beneficiaries);
    }

    private static void assertCoverage(JsonNode coverage, int eligible, int covered, String rate) {
        assertThat(coverage.get("eligible").asInt()).isEqualTo(eligible);
        assertThat(coverage.get("covered").asInt()).isEqualTo(covered);
        assertThat(coverage.get("rate").decimalValue()).isEqualByComparingTo(rate);
    }

    private static void assertProblem(ApiClient.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        assertThat(response.json().get("field").asText()).isEqualTo(field);
    }

    /** Events of the type in the raw ledger whose payload names the programme. */
    private long countInLedger(String eventType, String programmeCode) {
        long count = 0;
        for (Document commit : database.getCollection("events").find()) {
            Object events = commit.get("events");
            if (events instanceof List<?> list) {
                for (Object event : list) {
                    if (event instanceof Document d && String.valueOf(d.get("type")).endsWith("." + eventType)
                            && String.valueOf(d.get("payload")).contains("\"programmeCode\":\"" + programmeCode + "\"")) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Every processor has reached the head (a replaying segment stays marked as replaying until a newer event). */
    private void awaitCaughtUp() {
        long head = engine.head().position();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String name : PROCESSORS) {
                StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                        .orElseThrow();
                assertThat(processor.processingStatus().values()).isNotEmpty().allSatisfy(status ->
                        assertThat(status.getCurrentPosition().orElse(0)).isGreaterThanOrEqualTo(head));
            }
        });
    }

    private Map<String, List<Document>> readModels() {
        Map<String, List<Document>> models = new LinkedHashMap<>();
        for (String collection : READ_MODELS) {
            models.put(collection, database.getCollection(collection).find().sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>()));
        }
        return models;
    }
}
