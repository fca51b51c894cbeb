package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.demo.DemoCommand;
import org.povertyledger.command.demo.DemoDistrict;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.deploy.demo.DemoDistrictLoader;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The run command's first start on an empty store loads the demo district (a small one here) through the
 * command path; a second start on the same store does not load it again.
 */
class DemoDistrictLoadTest {

    private static final int HOUSEHOLDS = 30;

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
        long head;
        try (ConfigurableApplicationContext first = start()) {
            DemoDistrictLoader loader = first.getBean(DemoDistrictLoader.class);
            assertThat(loader.await(Duration.ofMinutes(5))).isEqualTo(DemoDistrictLoader.Status.LOADED);
            head = first.getBean(MongoLedgerStorageEngine.class).head().position();
            EventStore events = first.getBean(EventStore.class);

            for (DemoCommand command : district) {
                List<DomainEventMessage<?>> stream = new ArrayList<>();
                events.readEvents(command.householdId(), 0L).forEachRemaining(stream::add);
                assertThat(stream).as(command.householdId()).isNotEmpty();
                assertThat(stream.get(0).getPayload()).isInstanceOf(HouseholdRegisteredEvent.class);
                assertThat(stream.get(0).getMetaData()).containsEntry("actorId", DemoDistrict.ACTOR_ID)
                        .containsEntry("idempotencyKey", "demo/" + command.householdId() + "/register");
            }
            assertThat(head).as("every command wrote at least one event, plus the load's own record")
                    .isGreaterThan(district.commandCount());
            Document marker = first.getBean(MongoDatabase.class).getCollection("demo_district")
                    .find(Filters.eq("_id", "lak")).first();
            assertThat(marker).isNotNull();
            assertThat(marker.getString("state")).isEqualTo("LOADED");
            assertThat(marker.getString("digest")).isEqualTo(district.digest());
        }
        try (ConfigurableApplicationContext second = start()) {
            DemoDistrictLoader loader = second.getBean(DemoDistrictLoader.class);
            assertThat(loader.await(Duration.ofMinutes(1))).isEqualTo(DemoDistrictLoader.Status.ALREADY_LOADED);
            assertThat(second.getBean(MongoLedgerStorageEngine.class).head().position()).isEqualTo(head);
        }
    }
}
