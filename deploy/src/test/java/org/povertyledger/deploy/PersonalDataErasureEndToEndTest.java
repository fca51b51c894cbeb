package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.personaldata.MongoHouseholdKeyStore;
import org.povertyledger.query.indicator.IndicatorProjection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Right to erasure on the real application and the embedded store: personal fields are stored encrypted, readable
 * while the household's key exists, and read as erased everywhere (views, history, feed) once it is destroyed, with
 * the hash chain intact, the indicators unchanged, and the same result after the projections are rebuilt.
 */
class PersonalDataErasureEndToEndTest {

    private static final String NAME = "Y Thi Mlo";
    private static final String REASON = "moved in with her son Y Bhim";
    private static final List<String> READ_MODELS = List.of("household_view", "household_history",
            "household_benefits");
    private static final List<String> PROCESSORS = List.of("household-view", "household-history",
            "benefit-coverage", IndicatorProjection.PROCESSING_GROUP);
    private static final List<String> REBUILT = List.of("household-view", "household-history", "benefit-coverage");

    @TempDir
    Path dataDir;

    @Test
    void erasureShredsPersonalFieldsEverywhereKeepsTheChainAndTheFiguresAndSurvivesARebuild() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                .run("--server.port=0", "--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=",
                        "--povertyledger.demo.enabled=false", "--povertyledger.feed.personal-data-users=integrator")) {
            ApiClient api = new ApiClient(((WebServerApplicationContext) app).getWebServer().getPort());
            MongoDatabase database = app.getBean(MongoDatabase.class);
            register(api, "HH-E1");
            register(api, "HH-E2");
            assess(api, "HH-E1");
            assess(api, "HH-E2");
            Map<String, Object> move = new LinkedHashMap<>();
            move.put("communeCode", "24541");
            move.put("village", "Buon Tria");
            move.put("members", 6);
            move.put("effectiveDate", "2024-03-01");
            move.put("reason", REASON);
            assertThat(api.post("officer", "/api/households/HH-E1/details", move).status()).isEqualTo(200);

            String stored = storedLedger(database);
            assertThat(stored).as("the ledger stores the name and the reason encrypted")
                    .doesNotContain(NAME).doesNotContain("Y Bhim").contains("\"enc\":\"v1\"");
            assertThat(database.getCollection(MongoHouseholdKeyStore.COLLECTION).countDocuments()).isEqualTo(2);
            awaitCaughtUp(app);
            assertThat(api.get("auditor", "/api/households/HH-E1").json().get("headName").asText()).isEqualTo(NAME);
            assertThat(api.get("auditor", "/api/households/HH-E1/history").body()).contains(NAME, REASON);
            assertThat(feed(api)).contains(NAME, REASON);
            Map<String, List<Document>> indicatorsBefore = collections(database,
                    List.of("indicator_households", IndicatorProjection.CELLS));
            String listBefore = api.get("auditor", "/api/households?communeCode=24541").body();

            Map<String, Object> erasure = Map.of("legalBasis", "13/2023/ND-CP art. 16",
                    "requestReference", "DSR-2026-0042");
            assertThat(api.post("officer", "/api/households/HH-E1/erasure", erasure).status())
                    .as("only an administrator erases").isEqualTo(403);
            ApiClient.Response noBasis = api.post("admin", "/api/households/HH-E1/erasure",
                    Map.of("requestReference", "DSR-2026-0042"));
            assertThat(noBasis.status()).isEqualTo(400);
            assertThat(noBasis.json().get("field").asText()).isEqualTo("legalBasis");
            assertThat(api.post("admin", "/api/households/HH-NONE/erasure", erasure).status()).isEqualTo(404);

            ApiClient.Response erased = api.post("admin", "/api/households/HH-E1/erasure", erasure, "erase-e1");
            assertThat(erased.status()).isEqualTo(200);
            assertThat(api.post("admin", "/api/households/HH-E1/erasure", erasure, "erase-e1").json())
                    .as("a retry with the same key answers the same").isEqualTo(erased.json());
            ApiClient.Response again = api.post("admin", "/api/households/HH-E1/erasure", erasure, "erase-e1-again");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("code").asText()).isEqualTo("PERSONAL_DATA_ALREADY_ERASED");

            awaitCaughtUp(app);
            assertErasedEverywhere(api);
            assertThat(api.get("auditor", "/api/households/HH-E2").json().get("headName").asText())
                    .as("another household keeps its name").isEqualTo(NAME);
            JsonNode verify = api.get("auditor", "/api/ledger/verify").json();
            assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
            assertThat(collections(database, List.of("indicator_households", IndicatorProjection.CELLS)))
                    .as("indicator figures are unchanged").isEqualTo(indicatorsBefore);
            assertThat(api.get("auditor", "/api/households?communeCode=24541").json().get("total"))
                    .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(listBefore).get("total"));

            Map<String, List<Document>> live = collections(database, READ_MODELS);
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            for (String name : REBUILT) {
                StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                        .orElseThrow();
                processor.shutDown();
                processor.resetTokens();
                processor.start();
            }
            awaitCaughtUp(app);
            assertThat(collections(database, READ_MODELS)).as("a rebuild gives the live read models")
                    .isEqualTo(live);
            assertErasedEverywhere(api);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertErasedEverywhere(ApiClient api) {
        assertThat(api.get("auditor", "/api/households/HH-E1").json().get("headName").asText())
                .isEqualTo("[erased]");
        String history = api.get("auditor", "/api/households/HH-E1/history").body();
        assertThat(history).doesNotContain(NAME).doesNotContain("Y Bhim").contains("[erased]")
                .contains("PersonalDataErasedEvent");
        String feed = feed(api);
        assertThat(feed).doesNotContain(REASON).contains("[erased]");
        assertThat(feed.split(java.util.regex.Pattern.quote(NAME), -1)).as("only HH-E2 still names its head")
                .hasSize(2);
    }

    private static String feed(ApiClient api) {
        ApiClient.Response page = api.get("integrator", "/api/feed?after=0&limit=500&personal=true");
        assertThat(page.status()).isEqualTo(200);
        return page.body();
    }

    private static void register(ApiClient api, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("householdId", id);
        body.put("communeCode", "24541");
        body.put("village", "Buon Jun");
        body.put("area", "RURAL");
        body.put("headName", NAME);
        body.put("ethnicity", "M'nong");
        body.put("ethnicMinority", true);
        body.put("members", 5);
        assertThat(api.post("officer", "/api/households", body).status()).isEqualTo(201);
    }

    private static void assess(ApiClient api, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reviewYear", 2023);
        body.put("reviewKind", "PERIODIC");
        body.put("surveyDate", "2023-10-15");
        body.put("incomePerCapitaMonthly", 900_000L);
        body.put("livelihood", "FARMING_FORESTRY_FISHERY_SALT");
        body.put("deprivations", List.of("NUTRITION", "HOUSING_AREA", "TELECOM_USE"));
        body.put("decisionRef", "QD-2023");
        body.put("effectiveDate", "2023-12-14");
        assertThat(api.post("officer", "/api/households/" + id + "/assessments", body).status()).isEqualTo(201);
    }

    private static String storedLedger(MongoDatabase database) {
        StringBuilder all = new StringBuilder();
        database.getCollection("events").find().forEach(commit -> all.append(commit.toJson()));
        return all.toString().replace("\\\"", "\"");
    }

    private static Map<String, List<Document>> collections(MongoDatabase database, List<String> names) {
        return RestartAndReplayTest.collections(database, names);
    }

    private static void awaitCaughtUp(ConfigurableApplicationContext context) {
        RestartAndReplayTest.awaitCaughtUp(context, PROCESSORS);
    }
}
