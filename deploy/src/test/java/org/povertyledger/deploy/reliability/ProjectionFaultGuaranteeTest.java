package org.povertyledger.deploy.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.deploy.ApiClient;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Guarantee 4, projection faults: a projection (only in this test's context) throws on every event of one
 * household. Those events are parked in the group's dead-letter queue, in order, while the projection goes on
 * with every other event; the queue shows in the {@code projection.dead.letters} gauge and under
 * {@code /api/admin/dead-letters}. A retry while the fault persists keeps them parked; after the fix a retry
 * hands each of them to the projection exactly once, and the household's later events flow normally again.
 */
class ProjectionFaultGuaranteeTest {

    static final String GROUP = "reliability-probe";
    private static final String POISON = "HH-PF-POISON";

    @TempDir
    Path dataDir;

    /** Counts, per log position, how often it was applied; refuses the poisoned household while told to. */
    @ProcessingGroup(GROUP)
    static final class ProbeProjection {
        final Map<Long, AtomicInteger> applied = new ConcurrentHashMap<>();
        final AtomicInteger failures = new AtomicInteger();
        volatile String refused = POISON;

        @EventHandler
        void on(Object event, EventMessage<?> message, TrackingToken token) {
            String aggregate = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
            if (aggregate != null && aggregate.equals(refused)) {
                failures.incrementAndGet();
                throw new IllegalStateException("probe refuses " + event.getClass().getSimpleName() + " of "
                        + aggregate);
            }
            applied.computeIfAbsent(token.position().orElseThrow(), p -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static Map<String, Object> assessment(int year) {
        return Requests.assessment(year, 1_100_000, Requests.THREE_DEPRIVATIONS);
    }

    @Test
    void aFailingHandlerParksItsEventsKeepsProcessingOthersAndAppliesThemOnceOnRetryAfterTheFix() {
        ProbeProjection probe = new ProbeProjection();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("reliabilityProbe",
                        ProbeProjection.class, () -> probe))
                .run("--server.port=0", "--povertyledger.mongodb.uri=", "--povertyledger.data-dir=" + dataDir,
                        "--povertyledger.programme.load-reference-on-start=false",
                        "--povertyledger.dead-letters.processing-groups=household-view," + GROUP)) {
            ApiClient api = new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
            MongoDatabase database = context.getBean(MongoDatabase.class);
            List<String> households = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                households.add(i == 5 ? POISON : "HH-PF" + i);
            }
            for (String id : households) {
                assertThat(api.post("officer", "/api/households", Requests.household(id, "Buon Jun")).status()).isEqualTo(201);
            }
            for (String id : List.of(POISON, "HH-PF7")) {
                assertThat(api.post("officer", "/api/households/" + id + "/assessments", assessment(2022)).status())
                        .isEqualTo(201);
            }

            LedgerAudit ledger = LedgerAudit.of(database);
            List<Long> poisoned = positionsOf(ledger, POISON);
            List<Long> others = ledger.events().stream().filter(e -> !POISON.equals(e.aggregateId()))
                    .map(LedgerAudit.Event::position).toList();
            assertThat(poisoned).hasSize(3);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(probe.applied.keySet()).containsExactlyInAnyOrderElementsOf(others);
                assertThat(parked(api).path("size").asLong()).isEqualTo(3);
            });
            // The product's own projections are not held up by the probe's fault.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(api.get("auditor", "/api/households/" + POISON).json().path("status").asText())
                            .isEqualTo("POOR"));

            JsonNode queue = parked(api);
            assertThat(queue.get("sequences")).hasSize(1);
            JsonNode sequence = queue.get("sequences").get(0);
            assertThat(sequence.get("aggregateId").asText()).isEqualTo(POISON);
            List<Long> listed = new ArrayList<>();
            sequence.get("letters").forEach(letter -> listed.add(letter.get("position").asLong()));
            assertThat(listed).as("parked in log order").isEqualTo(poisoned);
            assertThat(sequence.get("letters").get(0).get("cause").get("message").asText())
                    .contains("probe refuses HouseholdRegisteredEvent of " + POISON);
            assertThat(metric(api)).isEqualTo(3.0);
            JsonNode all = api.get("admin", "/api/admin/dead-letters").json();
            assertThat(all.get("groups").findValuesAsText("group")).containsExactly("household-view", GROUP);

            assertThat(api.get("officer", "/api/admin/dead-letters").status()).isEqualTo(403);
            ApiClient.Response unknown = api.get("admin", "/api/admin/dead-letters/no-such-group");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("code").asText()).isEqualTo("DEAD_LETTER_NOT_FOUND");
            assertThat(unknown.json().get("field").asText()).isEqualTo("group");

            // A later event of the parked household must not overtake the parked ones: it waits behind them.
            assertThat(api.post("officer", "/api/households/" + POISON + "/assessments", assessment(2023)).status())
                    .isEqualTo(201);
            List<Long> waiting = positionsOf(LedgerAudit.of(database), POISON);
            assertThat(waiting).hasSizeGreaterThan(poisoned.size());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(parked(api).path("size").asLong()).isEqualTo(waiting.size()));
            poisoned = waiting;

            JsonNode stillBroken = retry(api);
            assertThat(stillBroken.get("lettersProcessed").asLong()).isZero();
            assertThat(stillBroken.get("remaining").asLong()).isEqualTo(poisoned.size());
            assertThat(probe.applied.keySet()).doesNotContainAnyElementsOf(poisoned);

            probe.refused = null;
            JsonNode fixed = retry(api);
            assertThat(fixed.get("lettersProcessed").asLong()).isEqualTo(poisoned.size());
            assertThat(fixed.get("remaining").asLong()).isZero();
            assertThat(metric(api)).isZero();
            assertThat(retry(api).get("lettersProcessed").asLong()).as("a second retry finds nothing").isZero();

            assertThat(api.post("officer", "/api/households/" + POISON + "/assessments", assessment(2024)).status())
                    .isEqualTo(201);
            LedgerAudit after = LedgerAudit.of(database);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.applied.keySet())
                    .containsExactlyInAnyOrderElementsOf(after.events().stream().map(LedgerAudit.Event::position)
                            .toList()));
            long duplicated = probe.applied.values().stream().filter(n -> n.get() > 1).count();
            assertThat(duplicated).as("positions applied more than once").isZero();
            assertThat(parked(api).path("size").asLong()).isZero();

            System.out.printf("projection faults: %d events, %d parked after %d handler failures, %d applied on "
                            + "retry, 0 lost, %d applied twice%n", after.events().size(), poisoned.size(),
                    probe.failures.get(), fixed.get("lettersProcessed").asLong(), duplicated);
            GuaranteeLog.record("projection faults", after.events().size() + " events, 1 failing household",
                    probe.failures.get() + " handler failures, 1 retry while broken",
                    after.events().size() - probe.applied.size(), duplicated,
                    poisoned.size() + "/" + poisoned.size() + " parked, listed, metered");
        }
    }

    private static List<Long> positionsOf(LedgerAudit ledger, String aggregateId) {
        return ledger.events().stream().filter(e -> aggregateId.equals(e.aggregateId()))
                .map(LedgerAudit.Event::position).toList();
    }

    private static JsonNode parked(ApiClient api) {
        ApiClient.Response response = api.get("admin", "/api/admin/dead-letters/" + GROUP);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode retry(ApiClient api) {
        ApiClient.Response response = api.post("admin", "/api/admin/dead-letters/" + GROUP + "/retry", "",
                UUID.randomUUID().toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static double metric(ApiClient api) {
        ApiClient.Response response = api.get("admin", "/actuator/metrics/projection.dead.letters?tag=group:" + GROUP);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("measurements").get(0).get("value").asDouble();
    }
}
