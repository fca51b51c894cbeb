package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.importing.Column;
import org.povertyledger.command.importing.ReviewFileWriter;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who may see what, end to end: the demo users with their scopes (HTTP Basic) and bearer tokens this test signs
 * itself (RS256, a JWK set file), against a map with the merge of 1 July 2025 (24610 and 24611 into 24640) and a
 * second district. Every read and write endpoint that reaches a household or a unit is driven in scope (2xx)
 * and out of scope (404 exactly as for a missing record, or a filtered list), the feed is read by pull and SSE by
 * a scoped integrator, and broken tokens are refused with 401 problem+json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessScopeEndToEndTest {

    private static final String ISSUER = "https://id.example.test/realms/povertyledger";
    /** Everything a scope granted on either side of the merge covers here. */
    private static final Set<String> LIEN_SON = Set.of("24610", "24611", "24640");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RSAKey KEY = rsa("signing-1");
    private static final RSAKey STRANGER = rsa("signing-1");
    private static final AtomicInteger RUN = new AtomicInteger();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.resolve("store").toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
        registry.add("povertyledger.demo.enabled", () -> "false");
        registry.add("povertyledger.security.jwt.enabled", () -> "true");
        registry.add("povertyledger.security.jwt.issuer", () -> ISSUER);
        registry.add("povertyledger.security.jwt.jwk-set-file", AccessScopeEndToEndTest::jwkSetFile);
        // the webhook receiver of the test listens on the loopback interface
        registry.add("povertyledger.feed.webhooks.allowed-networks", () -> "127.0.0.0/8");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoLedgerStorageEngine ledger;

    @Autowired
    MeterRegistry meters;

    ApiClient api;

    private static RSAKey rsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwkSetFile() {
        try {
            Path file = dataDir.resolve("jwks.json");
            Files.writeString(file, new JWKSet(KEY.toPublicJWK()).toString());
            return file.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Bearer <jwt>} for the claims, signed with {@code key}. */
    private static String bearer(RSAKey key, String issuer, Instant expires, List<String> roles, List<String> units) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("user-" + UUID.randomUUID())
                    .issueTime(Date.from(Instant.now().minusSeconds(60))).expirationTime(Date.from(expires))
                    .claim("roles", roles).claim("units", units).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return "Bearer " + jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String officerToken(String... units) {
        return bearer(KEY, ISSUER, Instant.now().plusSeconds(600), List.of("OFFICER"), List.of(units));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private JsonNode admin(String path, Map<String, Object> body) {
        ApiClient.Response response = api.post("admin", path, body);
        assertThat(response.status()).as(path + " " + response.body()).isBetween(200, 201);
        return response.json();
    }

    private static boolean mapReady;

    /** The map, once per class: a province, two districts, the merge of 1 July 2025, two indicators. */
    private synchronized void map() {
        if (mapReady) {
            return;
        }
        unit("66", "PROVINCE", null, "2020-01-01");
        unit("653", "DISTRICT", "66", "2020-01-01");
        unit("654", "DISTRICT", "66", "2020-01-01");
        unit("24610", "COMMUNE", "653", "2020-01-01");
        unit("24611", "COMMUNE", "653", "2020-01-01");
        unit("24700", "COMMUNE", "654", "2020-01-01");
        unit("24640", "COMMUNE", "66", "2025-07-01");
        admin("/api/geography/merges", map("sourceCodes", List.of("24610", "24611"), "targetCode", "24640",
                "effectiveDate", "2025-07-01", "legalBasis", "NQ-1660/2025/UBTVQH15"));
        admin("/api/indicators", map("indicatorCode", "POVERTY_RATE", "name", "Multidimensional poverty rate",
                "direction", "LOWER_IS_BETTER", "kind", "DERIVED", "measure", "POVERTY_RATE"));
        admin("/api/indicators", map("indicatorCode", "CLEAN_WATER", "name", "Households with clean water",
                "unitOfMeasure", "PERCENT", "direction", "HIGHER_IS_BETTER", "kind", "REPORTED"));
        mapReady = true;
    }

    private void unit(String code, String level, String parent, String from) {
        admin("/api/geography/units", map("unitCode", code, "name", "Unit " + code, "level", level,
                "parentCode", parent, "flags", List.of(), "effectiveDate", from, "legalBasis", "QD-" + code));
    }

    /** Households of one run: in scope (24610, 24611 before the merge, 24640 after it) and outside (24700). */
    private record Fixture(String in, String oldNeighbour, String merged, String out, String inAssessment,
                           String outAssessment, String suffix) {
    }

    private Fixture fixture() {
        map();
        String suffix = "R" + RUN.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        String in = household("IN-" + suffix, "24610");
        String neighbour = household("NB-" + suffix, "24611");
        String merged = household("NEW-" + suffix, "24640");
        String out = household("OUT-" + suffix, "24700");
        String inAssessment = assess("admin", in, 2024).json().get("assessmentId").asText();
        String outAssessment = assess("admin", out, 2024).json().get("assessmentId").asText();
        long position = ledger.head().position();
        // reads answer from the projections: wait until the views and the map's reference entries are there
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ApiClient.Response value = api.get("auditor", "/api/indicators/POVERTY_RATE/values?unit=24640&year=2024");
            return value.status() == 200 && value.json().get("position").asLong() >= position
                    && api.get("auditor", "/api/households/" + out + "/history").status() == 200
                    && api.get("auditor", "/api/households/" + merged).status() == 200
                    && api.get("auditor", "/api/households/" + out + "/benefits").status() == 200;
        });
        return new Fixture(in, neighbour, merged, out, inAssessment, outAssessment, suffix);
    }

    private String household(String id, String commune) {
        admin("/api/households", registration(id, commune));
        return id;
    }

    private static Map<String, Object> registration(String id, String commune) {
        return map("householdId", id, "communeCode", commune, "village", "Buon Jun", "area", "RURAL",
                "headName", "Head " + id, "ethnicity", "M'nong", "ethnicMinority", true, "members", 4);
    }

    private ApiClient.Response assess(String user, String id, int year) {
        return api.post(user, "/api/households/" + id + "/assessments", map("reviewYear", year, "reviewKind",
                "PERIODIC", "surveyDate", year + "-10-15", "incomePerCapitaMonthly", 1_200_000, "livelihood", "OTHER",
                "deprivations", List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER", "TELECOM_USE"),
                "decisionRef", "QD-" + year, "effectiveDate", year + "-12-15"));
    }

    /** One endpoint: the path and body for a record inside the scope and for one outside it. */
    private record Case(String name, String method, String inPath, Object inBody, String outPath, Object outBody,
                        String notFoundCode) {
    }

    private static List<Case> readCases(Fixture f, String inUnit, String outUnit) {
        return List.of(
                new Case("household", "GET", "/api/households/" + f.in(), null,
                        "/api/households/" + f.out(), null, "HOUSEHOLD_NOT_FOUND"),
                new Case("household as of", "GET", "/api/households/" + f.merged() + "?asOf=2025-08-01", null,
                        "/api/households/" + f.out() + "?asOf=2025-08-01", null, "HOUSEHOLD_NOT_FOUND"),
                new Case("history", "GET", "/api/households/" + f.oldNeighbour() + "/history", null,
                        "/api/households/" + f.out() + "/history", null, "HOUSEHOLD_NOT_FOUND"),
                new Case("benefits", "GET", "/api/households/" + f.in() + "/benefits", null,
                        "/api/households/" + f.out() + "/benefits", null, "HOUSEHOLD_NOT_FOUND"),
                new Case("indicator value", "GET", "/api/indicators/POVERTY_RATE/values?year=2024&unit=" + inUnit, null,
                        "/api/indicators/POVERTY_RATE/values?year=2024&unit=" + outUnit, null, "UNIT_NOT_FOUND"),
                new Case("indicator series", "GET",
                        "/api/indicators/POVERTY_RATE/series?from=2023&to=2024&unit=" + inUnit, null,
                        "/api/indicators/POVERTY_RATE/series?from=2023&to=2024&unit=" + outUnit, null,
                        "UNIT_NOT_FOUND"));
    }

    private static List<Case> writeCases(Fixture f) {
        Map<String, Object> details = map("communeCode", "24640", "village", "Buon Jun", "members", 5,
                "effectiveDate", "2025-08-01", "reason", "moved after the merge");
        Map<String, Object> correction = map("surveyDate", "2024-10-15", "incomePerCapitaMonthly", 1_100_000,
                "livelihood", "OTHER", "deprivations", List.of("HEALTH_INSURANCE", "HOUSING_QUALITY",
                        "DOMESTIC_WATER", "TELECOM_USE"), "decisionRef", "QD-2024b", "effectiveDate", "2024-12-15",
                "reason", "income misread");
        Map<String, Object> card = map("kind", "HEALTH_INSURANCE_CARD", "benefitDate", "2025-01-05",
                "coverageYear", 2025);
        return List.of(
                new Case("register", "POST", "/api/households", registration("REG-" + f.suffix(), "24611"),
                        "/api/households", registration("REGX-" + f.suffix(), "24700"), "UNIT_NOT_FOUND"),
                new Case("assessment", "POST", "/api/households/" + f.in() + "/assessments", assessmentBody(2025),
                        "/api/households/" + f.out() + "/assessments", assessmentBody(2025), "HOUSEHOLD_NOT_FOUND"),
                new Case("correction", "POST",
                        "/api/households/" + f.in() + "/assessments/" + f.inAssessment() + "/corrections", correction,
                        "/api/households/" + f.out() + "/assessments/" + f.outAssessment() + "/corrections",
                        correction, "HOUSEHOLD_NOT_FOUND"),
                new Case("benefit", "POST", "/api/households/" + f.in() + "/benefits", card,
                        "/api/households/" + f.out() + "/benefits", card, "HOUSEHOLD_NOT_FOUND"),
                new Case("details", "POST", "/api/households/" + f.oldNeighbour() + "/details", details,
                        "/api/households/" + f.out() + "/details", details, "HOUSEHOLD_NOT_FOUND"),
                new Case("observation", "POST", "/api/indicators/CLEAN_WATER/observations",
                        map("unitCode", "24640", "year", 2025, "value", 71.5, "source", "commune report",
                                "effectiveDate", "2025-12-31"),
                        "/api/indicators/CLEAN_WATER/observations",
                        map("unitCode", "24700", "year", 2025, "value", 71.5, "source", "commune report",
                                "effectiveDate", "2025-12-31"), "UNIT_NOT_FOUND"),
                new Case("target", "POST", "/api/indicators/CLEAN_WATER/targets",
                        map("unitCode", "24640", "year", 2025, "kind", "ABSOLUTE", "low", 75, "legalBasis", "NQ-1"),
                        "/api/indicators/CLEAN_WATER/targets",
                        map("unitCode", "24700", "year", 2025, "kind", "ABSOLUTE", "low", 75, "legalBasis", "NQ-1"),
                        "UNIT_NOT_FOUND"));
    }

    private static final String PROGRAMME = "PSCOPE";
    private static final String OUTPUTS = "/api/programmes/" + PROGRAMME + "/sub-projects/P5/outputs";
    private static boolean programmeReady;

    /** Funding and outputs of one run: an allocation to a unit inside the scope (24640) and one outside (24700). */
    private record Funding(String in, String out) {
    }

    /**
     * A programme (once per class) with a plan for the whole sub-project; per run an allocation, a disbursement and an
     * output in 24640/24610 (beneficiaries: a household inside and one outside) and the same in 24700.
     */
    private synchronized Funding funding(Fixture f) {
        if (!programmeReady) {
            admin("/api/programmes", map("programmeCode", PROGRAMME, "name", "Scope programme", "firstYear", 2021,
                    "lastYear", 2025, "legalBasis", "QD-SCOPE", "effectiveDate", "2021-01-01"));
            admin("/api/programmes/" + PROGRAMME + "/projects", map("projectCode", "P5", "name", "Housing"));
            admin("/api/programmes/" + PROGRAMME + "/sub-projects", map("subProjectCode", "P5", "name", "Housing",
                    "managingAgency", "MOC", "effectiveDate", "2021-01-01"));
            admin("/api/programmes/" + PROGRAMME + "/sub-projects/P5/output-plans", map("outputCode", "HOUSES_BUILT",
                    "year", 2024, "quantity", 40, "decisionRef", "KH-1/2024", "effectiveDate", "2024-01-10"));
            programmeReady = true;
        }
        String in = "AL-IN-" + f.suffix();
        String out = "AL-OUT-" + f.suffix();
        for (String[] allocation : new String[][] {{in, "24640", "24610", f.in()}, {out, "24700", "24700", f.out()}}) {
            admin("/api/allocations", map("allocationId", allocation[0], "programmeCode", PROGRAMME,
                    "subProjectCode", "P5", "fiscalYear", 2024, "source", "CENTRAL_BUDGET", "amount", 900_000_000,
                    "recipientUnitCode", allocation[1], "decisionRef", "QD-15/2024", "effectiveDate", "2024-01-15"));
            admin("/api/allocations/" + allocation[0] + "/disbursements", map("amount", 300_000_000,
                    "disbursementDate", "2024-03-10", "purpose", "first instalment", "payee", "Commune PC"));
            admin(OUTPUTS, map("outputCode", "HOUSES_BUILT", "quantity", 2, "unit", "house", "periodFrom", "2024-01-01",
                    "periodTo", "2024-06-30", "communeCode", allocation[2],
                    "beneficiaries", allocation[2].equals("24610") ? List.of(f.in(), f.out()) : List.of(f.out()),
                    "allocationId", allocation[0]));
        }
        // reads answer from the projections: wait until both runs' records are there
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            ApiClient.Response outputs = api.get("auditor", OUTPUTS);
            ApiClient.Response allocation = api.get("auditor", "/api/allocations/" + out);
            return outputs.status() == 200 && outputs.body().contains(out) && outputs.body().contains(in)
                    && allocation.status() == 200 && allocation.json().at("/figures/disbursed").asLong() > 0
                    && api.get("auditor", "/api/allocations/" + in).status() == 200;
        });
        return new Funding(in, out);
    }

    private static List<Case> fundingCases(Funding funding) {
        return List.of(new Case("allocation", "GET", "/api/allocations/" + funding.in(), null,
                "/api/allocations/" + funding.out(), null, "ALLOCATION_NOT_FOUND"),
                new Case("allocation as of", "GET", "/api/allocations/" + funding.in() + "?asOf=2024-05-01", null,
                        "/api/allocations/" + funding.out() + "?asOf=2024-05-01", null, "ALLOCATION_NOT_FOUND"));
    }

    /**
     * The funding ledger, outputs against plan and output records seen by {@code user}: only units of the scope,
     * and never a household outside it among the beneficiaries; a national reader sees the other district too.
     */
    private void fundingAndOutputsHoldOnlyTheScope(String user, Fixture f, Funding funding) {
        runTable(user, fundingCases(funding));
        sameRefusal(api.get(user, "/api/allocations/" + funding.out()), api.get(user, "/api/allocations/AL-NO-SUCH"));

        String ledgerPath = "/api/programmes/" + PROGRAMME + "/funding-ledger";
        JsonNode ledgerView = api.get(user, ledgerPath).json();
        assertThat(ledgerView.findValuesAsText("unitCode")).isNotEmpty().allMatch(LIEN_SON::contains);
        JsonNode outside = api.get(user, ledgerPath + "?unitCode=24700").json();
        assertThat(outside.get("projects")).isEmpty();
        assertThat(outside.at("/totals/allocated").asLong()).isZero();
        assertThat(api.get("auditor", ledgerPath).json().findValuesAsText("unitCode")).contains("24700", "24640");

        String planPath = "/api/programmes/" + PROGRAMME + "/outputs?year=2024";
        List<JsonNode> rows = new ArrayList<>();
        api.get(user, planPath).json().get("rows").forEach(rows::add);
        assertThat(rows).isNotEmpty().allMatch(row -> LIEN_SON.contains(row.path("communeCode").asText()));
        assertThat(api.get(user, planPath + "&communeCode=24700").json().get("rows")).isEmpty();
        List<String> nationalCommunes = new ArrayList<>();
        api.get("auditor", planPath).json().get("rows").forEach(row -> nationalCommunes.add(
                row.get("communeCode").isNull() ? "whole sub-project" : row.get("communeCode").asText()));
        assertThat(nationalCommunes).contains("24700", "24610", "whole sub-project");

        List<JsonNode> records = new ArrayList<>();
        api.get(user, OUTPUTS).json().get("outputs").forEach(records::add);
        assertThat(records).isNotEmpty().allMatch(r -> LIEN_SON.contains(r.get("communeCode").asText()));
        List<String> beneficiaries = new ArrayList<>();
        records.forEach(r -> r.get("beneficiaries").forEach(b -> beneficiaries.add(b.asText())));
        assertThat(beneficiaries).contains(f.in()).noneMatch(id -> id.startsWith("OUT-"));
        assertThat(records).noneMatch(r -> r.get("allocationId").asText().equals(funding.out()));

        List<String> national = new ArrayList<>();
        api.get("auditor", OUTPUTS).json().get("outputs")
                .forEach(r -> r.get("beneficiaries").forEach(b -> national.add(b.asText())));
        assertThat(national).contains(f.in(), f.out());
    }

    /** Runs the table as {@code user}: 2xx inside, a 404 outside that a missing record would get too. */
    private void runTable(String user, List<Case> cases) {
        for (Case c : cases) {
            ApiClient.Response in = call(user, c.method(), c.inPath(), c.inBody());
            assertThat(in.status()).as(user.substring(0, Math.min(20, user.length())) + " " + c.name() + " in scope: "
                    + in.body()).isBetween(200, 299);

            long head = ledger.head().position();
            ApiClient.Response out = call(user, c.method(), c.outPath(), c.outBody());
            assertThat(out.status()).as(c.name() + " out of scope: " + out.body()).isEqualTo(404);
            assertThat(out.header("Content-Type")).startsWith("application/problem+json");
            assertThat(out.json().get("code").asText()).as(c.name()).isEqualTo(c.notFoundCode());
            assertThat(ledger.head().position()).as(c.name() + " writes nothing").isEqualTo(head);
        }
    }

    private static Map<String, Object> assessmentBody(int year) {
        return map("reviewYear", year, "reviewKind", "PERIODIC", "surveyDate", year + "-10-15",
                "incomePerCapitaMonthly", 1_200_000, "livelihood", "OTHER", "deprivations", List.of("TELECOM_USE"),
                "decisionRef", "QD-" + year, "effectiveDate", year + "-12-15");
    }

    private ApiClient.Response call(String user, String method, String path, Object body) {
        return method.equals("GET") ? api.get(user, path) : api.post(user, path, body);
    }

    private static void sameRefusal(ApiClient.Response outOfScope, ApiClient.Response missing) {
        assertThat(outOfScope.status()).isEqualTo(missing.status());
        for (String field : List.of("code", "field", "rule", "title")) {
            assertThat(outOfScope.json().path(field)).as(field).isEqualTo(missing.json().path(field));
        }
    }

    private double denied(String reason, String endpoint) {
        Counter counter = meters.find("povertyledger.access.denied").tag("reason", reason).tag("endpoint", endpoint)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anOfficerGrantedTheOldCommuneReachesItsSuccessorAndNothingOutside() {
        Fixture f = fixture();
        double before = denied("out-of-scope", "household.read");
        runTable("commune", readCases(f, "24640", "24700"));
        runTable("commune", writeCases(f));
        double allocationsRefused = denied("out-of-scope", "allocation.read");
        fundingAndOutputsHoldOnlyTheScope("commune", f, funding(f));
        assertThat(denied("out-of-scope", "allocation.read")).isGreaterThanOrEqualTo(allocationsRefused + 3);
        assertThat(denied("out-of-scope", "household.read")).isGreaterThanOrEqualTo(before + 2);

        // the refusal is the one a household that does not exist gets
        sameRefusal(api.get("commune", "/api/households/" + f.out()), api.get("commune", "/api/households/NO-SUCH-1"));
        sameRefusal(assess("commune", f.out(), 2023), assess("commune", "NO-SUCH-1", 2023));
        sameRefusal(api.get("commune", "/api/indicators/POVERTY_RATE/values?year=2024&unit=24700"),
                api.get("commune", "/api/indicators/POVERTY_RATE/values?year=2024&unit=99999"));

        // a change that belongs to no unit needs a national scope
        long head = ledger.head().position();
        ApiClient.Response programme = api.post("commune", "/api/programmes", map("programmeCode", "PX-" + RUN.get(),
                "name", "x", "firstYear", 2021, "lastYear", 2025, "legalBasis", "90/QD-TTg",
                "effectiveDate", "2022-01-18"));
        assertThat(programme.status()).as(programme.body()).isEqualTo(403);
        assertThat(programme.json().get("code").asText()).isEqualTo("NATIONAL_SCOPE_REQUIRED");
        assertThat(ledger.head().position()).isEqualTo(head);
    }

    @Test
    void anOfficerGrantedTheMergedCommuneByTokenReachesThePredecessorsHouseholds() {
        Fixture f = fixture();
        String token = officerToken("24640");
        runTable(token, readCases(f, "24610", "24700"));
        runTable(token, writeCases(f));
        fundingAndOutputsHoldOnlyTheScope(token, f, funding(f));
        // a token for the other district sees the other side only
        String other = officerToken("654");
        assertThat(api.get(other, "/api/households/" + f.out()).status()).isEqualTo(200);
        assertThat(api.get(other, "/api/households/" + f.in()).status()).isEqualTo(404);
        assertThat(api.get(other, "/api/households/" + f.merged()).status()).isEqualTo(404);
    }

    @Test
    void listsHoldOnlyTheScopeAndStayCorrectlyPaged() {
        Fixture f = fixture();
        for (String user : List.of("commune", "district", officerToken("24640"))) {
            JsonNode page = api.get(user, "/api/households?size=2").json();
            long total = page.get("total").asLong();
            List<String> communes = new ArrayList<>();
            for (int p = 0; p * 2 < total; p++) {
                api.get(user, "/api/households?size=2&page=" + p).json().get("items")
                        .forEach(item -> communes.add(item.get("communeCode").asText()));
            }
            assertThat(communes).hasSize((int) total).isNotEmpty().allMatch(LIEN_SON::contains);
            assertThat(page.get("items")).hasSize(2);
            assertThat(api.get(user, "/api/households?communeCode=24700").json().get("total").asLong()).isZero();
        }
        long all = api.get("auditor", "/api/households?size=1").json().get("total").asLong();
        long mine = api.get("commune", "/api/households?size=1").json().get("total").asLong();
        assertThat(mine).isLessThan(all);
        assertThat(api.get("auditor", "/api/households?communeCode=24700").json().get("total").asLong()).isPositive();

        JsonNode coverage = api.get("district", "/api/benefits/coverage?year=2024").json();
        assertThat(coverage.get("units").findValuesAsText("communeCode")).isNotEmpty().allMatch(LIEN_SON::contains);
        JsonNode national = api.get("auditor", "/api/benefits/coverage?year=2024").json();
        assertThat(national.get("units").findValuesAsText("communeCode")).contains("24700");
        assertThat(f.out()).isNotBlank();
    }

    @Test
    void tablesAndExportsOfAUnitOutsideTheScopeAreMissing() {
        fixture();
        for (String path : List.of("/api/indicators/POVERTY_RATE/table?year=2024&parent=",
                "/api/reports/indicator-table.csv?indicators=POVERTY_RATE&year=2024&parent=",
                "/api/reports/indicator-table.xlsx?indicators=POVERTY_RATE&year=2024&parent=",
                "/api/reports/dhis2/dataValueSets?indicators=POVERTY_RATE&year=2024&parent=",
                "/api/reports/dhis2/adx?indicators=POVERTY_RATE&year=2024&parent=")) {
            assertThat(api.get("district", path + "653").status()).as(path).isEqualTo(200);
            ApiClient.Response out = api.get("district", path + "654");
            assertThat(out.status()).as(path).isEqualTo(404);
            assertThat(out.json().get("code").asText()).isEqualTo("UNIT_NOT_FOUND");
            assertThat(api.get("auditor", path + "654").status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void anImportRowOfAnotherCommuneIsRejectedAndTheReportIsTheUploaders() throws Exception {
        fixture();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Path file = Files.createTempFile(dataDir, "review", ".csv");
        try (ReviewFileWriter writer = ReviewFileWriter.csv(file)) {
            writer.row(Arrays.stream(Column.values()).map(Column::english).toList());
            writer.row(importRow("IMP-IN-" + suffix, "24610"));
            writer.row(importRow("IMP-OUT-" + suffix, "24700"));
        }
        ApiClient.Response accepted = api.upload("commune", "/api/imports", "review.csv", Files.readAllBytes(file),
                Map.of("year", "2024", "dryRun", "false"), UUID.randomUUID().toString());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String location = accepted.header("Location");
        JsonNode[] report = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            report[0] = api.get("commune", location).json();
            assertThat(report[0].get("state").asText()).isEqualTo("COMPLETED");
        });
        assertThat(report[0].get("counts").get("accepted").asInt()).isEqualTo(1);
        assertThat(report[0].get("counts").get("rejected").asInt()).isEqualTo(1);
        JsonNode rejection = report[0].get("rejections").get(0);
        assertThat(rejection.get("householdId").asText()).isEqualTo("IMP-OUT-" + suffix);
        assertThat(rejection.get("problems").get(0).get("rule").asText()).isEqualTo("in-scope");
        assertThat(rejection.get("problems").get(0).get("column").asText()).isEqualTo(Column.COMMUNE_CODE.english());
        assertThat(api.get("auditor", "/api/households/IMP-OUT-" + suffix).status()).isEqualTo(404);

        // another scoped user, even one whose scope covers the commune, does not read someone else's import
        assertThat(api.get("district", location).status()).isEqualTo(404);
        assertThat(api.get("auditor", location).status()).isEqualTo(200);
    }

    private static List<Object> importRow(String householdId, String commune) {
        return new ArrayList<>(Arrays.asList(householdId, commune, "Buôn Krang", "RURAL", "Y Bhiong " + householdId,
                "M'nông", "yes", 4, 2024, "PERIODIC", "2024-10-15", 900_000, "FARMING_FORESTRY_FISHERY_SALT",
                "HEALTH_INSURANCE; HOUSING_QUALITY; DOMESTIC_WATER", "QD-112/2024/UBND", "2024-12-14"));
    }

    @Test
    void aScopedIntegratorGetsOnlyItsUnitsEventsByPullAndSseAndSubscribesOnlyToThem() throws Exception {
        Fixture f = fixture();
        List<JsonNode> events = new ArrayList<>();
        api.get("lak-integrator", "/api/feed?after=0&limit=1000").json().get("events").forEach(events::add);
        assertThat(events).isNotEmpty();
        assertThat(events).allMatch(e -> e.has("unit") && LIEN_SON.contains(e.get("unit").asText()));
        assertThat(events.stream().map(e -> e.get("subject").asText())).contains(f.in(), f.merged())
                .doesNotContain(f.out());
        List<JsonNode> national = new ArrayList<>();
        api.get("integrator", "/api/feed?after=0&limit=1000").json().get("events").forEach(national::add);
        assertThat(national.stream().map(e -> e.get("subject").asText())).contains(f.out());
        assertThat(api.get("lak-integrator", "/api/feed?after=0&units=24700").json().get("events")).isEmpty();

        List<String> streamed = sse("lak-integrator", events.size());
        assertThat(streamed).hasSize(events.size())
                .allMatch(data -> LIEN_SON.contains(unitOf(data)));

        List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            delivered.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            ApiClient.Response created = api.post("lak-integrator", "/api/feed/subscriptions",
                    map("url", url, "after", 0));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            List<String> units = new ArrayList<>();
            created.json().get("units").forEach(u -> units.add(u.asText()));
            assertThat(units).containsExactlyInAnyOrderElementsOf(LIEN_SON);
            // everything in scope up to now arrives, and nothing else
            // (at least once: a copy of a delivery is the same body)
            await().atMost(Duration.ofSeconds(60)).until(() -> Set.copyOf(delivered).size() >= events.size());
            Thread.sleep(1000);
            synchronized (delivered) {
                assertThat(Set.copyOf(delivered)).hasSize(events.size())
                        .allMatch(body -> LIEN_SON.contains(unitOf(body)));
            }
        } finally {
            receiver.stop(0);
        }
        ApiClient.Response outside = api.post("lak-integrator", "/api/feed/subscriptions",
                map("url", "https://127.0.0.1/lak", "units", List.of("24700")));
        assertThat(outside.status()).as(outside.body()).isEqualTo(400);
        assertThat(outside.json().get("rule").asText()).isEqualTo("in-scope");
    }

    private static String unitOf(String cloudEvent) {
        try {
            return JSON.readTree(cloudEvent).path("unit").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first {@code count} SSE data payloads from position 0. */
    private List<String> sse(String user, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/feed/stream?after=0"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while (data.size() < count + 1 && (line = reader.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        synchronized (data) {
                            data.add(line.substring(5).strip());
                        }
                    }
                }
            } catch (java.io.IOException closed) {
                // the stream was closed below
            }
        });
        // wait for the expected events, then a little more: one more would be an event the pull did not show
        await().atMost(Duration.ofSeconds(30)).until(() -> data.size() >= count);
        try {
            reading.get(2, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException expected) {
            response.body().close();
        }
        synchronized (data) {
            return List.copyOf(data);
        }
    }

    @Test
    void brokenTokensAreRefusedWithProblemJson() {
        map();
        double before = denied("invalid-token", "/api/households");
        Instant later = Instant.now().plusSeconds(600);
        List<String> broken = List.of(
                bearer(KEY, ISSUER, Instant.now().minusSeconds(120), List.of("OFFICER"), List.of("*")),
                bearer(STRANGER, ISSUER, later, List.of("OFFICER"), List.of("*")),
                bearer(KEY, "https://elsewhere.example.test", later, List.of("OFFICER"), List.of("*")),
                "Bearer not-a-token");
        for (String token : broken) {
            ApiClient.Response response = api.get(token, "/api/households");
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(denied("invalid-token", "/api/households")).isEqualTo(before + broken.size());

        // a valid token's roles still decide what it may do; one without units reaches nothing
        String auditor = bearer(KEY, ISSUER, later, List.of("AUDITOR"), List.of("*"));
        assertThat(api.get(auditor, "/api/households").status()).isEqualTo(200);
        ApiClient.Response write = api.post(auditor, "/api/households", registration("TOK-1", "24610"));
        assertThat(write.status()).isEqualTo(403);
        String nowhere = bearer(KEY, ISSUER, later, List.of("OFFICER"), List.of());
        assertThat(api.get(nowhere, "/api/households").json().get("total").asLong()).isZero();
    }
}
