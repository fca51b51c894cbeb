package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.demo.DemoCommand;
import org.povertyledger.command.demo.DemoDistrict;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.deploy.demo.DemoDistrictLoader;
import org.povertyledger.shared.benefit.command.RecordBenefitCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The run command's first start on an empty store loads the demo district (a small one here) through the
 * command path, every command accepted, and what it contains is answerable over HTTP (the map with its 2025
 * reorganisation, the indicator catalogue, a reported and corrected figure, a benefit, a derived poverty rate);
 * a start after an interrupted load sends everything again and writes nothing twice; a start after a finished
 * load does not load it again.
 */
class DemoDistrictLoadTest {

    private static final int HOUSEHOLDS = 300;
    private static final Duration PROJECTIONS = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PovertyLedgerApplication.class).run("--server.port=0",
                "--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=",
                "--povertyledger.demo.enabled=true", "--povertyledger.demo.households=" + HOUSEHOLDS);
    }

    @Test
    void theFirstStartOfAnEmptyStoreLoadsTheDemoDistrictAndALaterStartDoesNotLoadItAgain() throws Exception {
        DemoDistrict district = new DemoDistrict(DemoDistrict.DEFAULT_SEED, HOUSEHOLDS);
        long commands = district.commandCount();
        long head;
        try (ConfigurableApplicationContext first = start()) {
            DemoDistrictLoader loader = first.getBean(DemoDistrictLoader.class);
            assertThat(loader.await(Duration.ofMinutes(5))).isEqualTo(DemoDistrictLoader.Status.LOADED);
            head = first.getBean(MongoLedgerStorageEngine.class).head().position();
            EventStore events = first.getBean(EventStore.class);

            RecordBenefitCommand aBenefit = null;
            for (DemoCommand command : district) {
                if (command.command() instanceof RecordBenefitCommand benefit && aBenefit == null) {
                    aBenefit = benefit;
                }
                if (!(command.command() instanceof RegisterHouseholdCommand)) {
                    continue;
                }
                List<DomainEventMessage<?>> stream = new ArrayList<>();
                events.readEvents(command.streamKey(), 0L).forEachRemaining(stream::add);
                assertThat(stream).as(command.streamKey()).isNotEmpty();
                assertThat(stream.get(0).getPayload()).isInstanceOf(HouseholdRegisteredEvent.class);
                assertThat(stream.get(0).getMetaData()).containsEntry("actorId", DemoDistrict.ACTOR_ID)
                        .containsEntry("idempotencyKey", "demo/" + command.streamKey() + "/register");
            }
            assertThat(head).as("every command wrote at least one event, plus the load's own record")
                    .isGreaterThan(commands);
            Document marker = first.getBean(MongoDatabase.class).getCollection("demo_district")
                    .find(Filters.eq("_id", "lak")).first();
            assertThat(marker).isNotNull();
            assertThat(marker.getString("state")).isEqualTo("LOADED");
            assertThat(marker.getString("digest")).isEqualTo(district.digest());
            assertThat(marker.get("refused", Long.class)).as("commands refused").isZero();
            assertThat(marker.get("alreadyThere", Long.class)).as("commands already in the ledger").isZero();
            assertThat(marker.get("written", Long.class)).isEqualTo(commands);

            ApiClient api = new ApiClient(Integer.parseInt(first.getEnvironment().getProperty("local.server.port")));
            JsonNode demo = awaitJson(api, "/api/demo", status -> "READY".equals(status.path("state").asText()));
            assertThat(demo.path("percent").asDouble()).isEqualTo(100.0);
            assertThat(demo.path("commands").asLong()).isEqualTo(commands);
            assertThat(demo.path("written").asLong()).isEqualTo(commands);
            assertThat(demo.path("loadedPosition").asLong()).isEqualTo(head);
            assertThat(demo.path("readModels").path("household-view").asLong()).isGreaterThanOrEqualTo(head);
            assertThat(demo.path("secondsElapsed").asDouble()).isPositive();
            ApiClient.Response readiness = api.get("auditor", "/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
            assertThat(readiness.json().path("components").path("demo").path("details").path("state").asText())
                    .isEqualTo("READY");
            theDistrictIsAnswerable(api, aBenefit);

            // as if the load had been interrupted at its very end: the next start sends every command again
            first.getBean(MongoDatabase.class).getCollection("demo_district")
                    .updateOne(Filters.eq("_id", "lak"), Updates.set("state", "LOADING"));
        }
        try (ConfigurableApplicationContext second = start()) {
            DemoDistrictLoader loader = second.getBean(DemoDistrictLoader.class);
            assertThat(loader.await(Duration.ofMinutes(5))).isEqualTo(DemoDistrictLoader.Status.LOADED);
            assertThat(second.getBean(MongoLedgerStorageEngine.class).head().position())
                    .as("a resumed load writes nothing twice").isEqualTo(head);
            Document marker = second.getBean(MongoDatabase.class).getCollection("demo_district")
                    .find(Filters.eq("_id", "lak")).first();
            assertThat(marker.get("written", Long.class)).isZero();
            assertThat(marker.get("refused", Long.class)).isZero();
            assertThat(marker.get("alreadyThere", Long.class)).isEqualTo(commands);
        }
        try (ConfigurableApplicationContext third = start()) {
            DemoDistrictLoader loader = third.getBean(DemoDistrictLoader.class);
            assertThat(loader.await(Duration.ofMinutes(1))).isEqualTo(DemoDistrictLoader.Status.ALREADY_LOADED);
            assertThat(third.getBean(MongoLedgerStorageEngine.class).head().position()).isEqualTo(head);
        }
    }

    private static void theDistrictIsAnswerable(ApiClient api, RecordBenefitCommand benefit) {
        // the map of 2024: Lak district with its 11 communes and their villages under the province
        JsonNode tree2024 = awaitJson(api, "/api/geography/tree?asOf=2024-12-31",
                tree -> tree.path("roots").size() == 1
                        && tree.path("roots").get(0).path("children").size() == 1
                        && tree.path("roots").get(0).path("children").get(0).path("children").size() == 11);
        JsonNode lak = tree2024.path("roots").get(0).path("children").get(0);
        assertThat(lak.path("unitCode").asText()).isEqualTo("653");
        assertThat(lak.path("flags").toString()).contains("POOR_DISTRICT");
        assertThat(lak.path("children").get(0).path("children").size()).isGreaterThan(3);
        // after 1 July 2025: no district, five communes directly under the province
        JsonNode tree2025 = awaitJson(api, "/api/geography/tree?asOf=2025-12-31",
                tree -> tree.path("roots").size() == 1 && tree.path("roots").get(0).path("children").size() == 5);
        List<String> communes2025 = new ArrayList<>();
        tree2025.path("roots").get(0).path("children").forEach(node -> communes2025.add(node.path("unitCode").asText()));
        assertThat(communes2025).containsExactlyInAnyOrder("24640", "24643", "24646", "24649", "24619");

        JsonNode catalogue = awaitJson(api, "/api/indicators",
                view -> view.path("indicators").size() >= DerivedMeasure.values().length + 8);
        List<String> codes = new ArrayList<>();
        catalogue.path("indicators").forEach(indicator -> codes.add(indicator.path("indicatorCode").asText()));
        for (DerivedMeasure measure : DerivedMeasure.values()) {
            assertThat(codes).contains(measure.name());
        }
        assertThat(codes).contains("CLEAN_WATER", "ROAD_TO_COMMUNE_CENTRE", "WORKERS_TRAINED");

        JsonNode water2024 = awaitJson(api, "/api/indicators/CLEAN_WATER/values?unit=653&year=2024",
                value -> !value.path("value").isNull() && !value.path("value").isMissingNode());
        assertThat(water2024.path("value").decimalValue()).isEqualByComparingTo(new BigDecimal("75.4"));
        JsonNode water2025 = awaitJson(api, "/api/indicators/CLEAN_WATER/values?unit=653&year=2025",
                value -> value.path("progress").isObject());
        assertThat(water2025.path("progress").path("status").asText()).isIn("ACHIEVED", "EXCEEDED");
        // the 2023 figure was corrected a year later: the value now is the corrected one
        JsonNode water2023 = awaitJson(api, "/api/indicators/CLEAN_WATER/values?unit=653&year=2023",
                value -> value.path("value").isNumber() && value.path("value").decimalValue()
                        .compareTo(new BigDecimal("70.6")) == 0);
        assertThat(water2023.path("observation").isObject()).isTrue();

        String household = benefit.householdId().value();
        JsonNode benefits = awaitJson(api, "/api/households/" + household + "/benefits",
                view -> view.path("benefits").size() > 0);
        assertThat(benefits.path("benefits").get(0).path("kind").asText()).isEqualTo(benefit.kind().name());
        assertThat(benefits.path("benefits").get(0).path("benefitDate").asText())
                .isEqualTo(benefit.benefitDate().toString());

        JsonNode rate = awaitJson(api, "/api/indicators/POVERTY_RATE/values?unit=653&year=2023",
                value -> value.path("denominator").asLong() == HOUSEHOLDS);
        assertThat(rate.path("value").decimalValue().doubleValue()).isBetween(5.0, 40.0);
        assertThat(rate.path("numerator").asLong()).isPositive();
        JsonNode merged = awaitJson(api, "/api/indicators/POVERTY_RATE/values?unit=24640&year=2024",
                value -> value.path("denominator").asLong() > 0);
        assertThat(merged.path("communes").toString()).contains("24610", "24611", "24612");

        // the cards and loans count into the coverage indicators: poor households of the 2023 review hold a
        // card for 2024 almost all; loans reach a share of the eligible
        JsonNode insured = awaitJson(api, "/api/indicators/HEALTH_INSURANCE_COVERAGE_POOR/values?unit=653&year=2023",
                value -> value.path("numerator").asLong() > 0);
        assertThat(insured.path("denominator").asLong()).isEqualTo(rate.path("numerator").asLong());
        assertThat(insured.path("value").decimalValue().doubleValue()).isBetween(85.0, 100.0);
        JsonNode credit = awaitJson(api, "/api/indicators/PREFERENTIAL_CREDIT_COVERAGE/values?unit=653&year=2023",
                value -> value.path("numerator").asLong() > 0);
        assertThat(credit.path("denominator").asLong()).isGreaterThanOrEqualTo(rate.path("numerator").asLong());
        assertThat(credit.path("value").decimalValue().doubleValue()).isBetween(1.0, 100.0);
    }

    private static JsonNode awaitJson(ApiClient api, String path, Predicate<JsonNode> ready) {
        await().atMost(PROJECTIONS).pollInterval(Duration.ofMillis(250)).until(() -> {
            ApiClient.Response response = api.get("auditor", path);
            return response.status() == 200 && response.json() != null && ready.test(response.json());
        });
        ApiClient.Response response = api.get("auditor", path);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.json();
    }
}
