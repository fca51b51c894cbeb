package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one store (the second reaches the first's embedded server over TCP, as a second node does) take ten
 * concurrent disbursements of 15% each against one allocation over HTTP. Within a node Axon serializes commands per
 * aggregate; between the nodes the ledger refuses the slower append and the command gateway retries it against the
 * new state. Exactly six fit; the other four are refused with the figures; the ledger never holds more than 100%.
 */
class DisbursementConcurrencyTest {

    private static final String NTP = "NTP-SPR-2021-2025";
    private static final long ALLOCATED = 100_000_000L;
    private static final long FIFTEEN_PERCENT = 15_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private static ConfigurableApplicationContext node(EmbeddedMongoServer store, Path dataDir) {
        // Command-line arguments: default properties would lose to application.yml's own values.
        return new SpringApplicationBuilder(PovertyLedgerApplication.class)
                .run("--server.port=0", "--povertyledger.mongodb.uri=" + store.connectionString(),
                        "--povertyledger.data-dir=" + dataDir);
    }

    private static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void tenConcurrentDisbursementsOfFifteenPercentOnTwoNodesYieldExactlySixAndFourRefusalsNamingTheFigures()
            throws Exception {
        try (EmbeddedMongoServer store = EmbeddedMongoServer.start(dataDir.resolve("store"), "127.0.0.1", 0);
             ConfigurableApplicationContext first = node(store, dataDir.resolve("a"));
             ConfigurableApplicationContext second = node(store, dataDir.resolve("b"))) {
            List<ApiClient> nodes = List.of(api(first), api(second));

            // Both nodes loaded the reference structure on start; the second found it complete.
            MongoDatabase database = first.getBean(MongoDatabase.class);
            assertThat(countOfType(database, "SubProjectRegisteredEvent")).isEqualTo(12);

            Map<String, Object> allocation = new LinkedHashMap<>();
            allocation.put("programmeCode", NTP);
            allocation.put("subProjectCode", "P4.SP2");
            allocation.put("fiscalYear", 2024);
            allocation.put("source", "CENTRAL_BUDGET");
            allocation.put("amount", ALLOCATED);
            allocation.put("recipientUnitCode", "24541");
            allocation.put("decisionRef", "QD-77/UBND");
            allocation.put("effectiveDate", "2024-02-01");
            ApiClient.Response allocated = nodes.get(0).post("officer", "/api/allocations", allocation);
            assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
            String id = allocated.json().get("allocationId").asText();

            ExecutorService pool = Executors.newFixedThreadPool(10);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ApiClient node = nodes.get(i % 2);
                int n = i;
                Callable<ApiClient.Response> disburse = () -> {
                    go.await();
                    return node.post("officer", "/api/allocations/" + id + "/disbursements", Map.of(
                            "amount", FIFTEEN_PERCENT, "disbursementDate", "2024-03-01",
                            "purpose", "pre-departure training, worker " + n, "payee", "Worker " + n));
                };
                answers.add(pool.submit(disburse));
            }
            go.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> answer : answers) {
                responses.add(answer.get(120, TimeUnit.SECONDS));
            }
            pool.shutdown();

            List<ApiClient.Response> succeeded = responses.stream().filter(r -> r.status() == 201).toList();
            List<ApiClient.Response> refused = responses.stream().filter(r -> r.status() == 409).toList();
            assertThat(succeeded).as(bodies(responses)).hasSize(6);
            assertThat(refused).as(bodies(responses)).hasSize(4);
            for (ApiClient.Response refusal : refused) {
                JsonNode problem = refusal.json();
                assertThat(problem.get("code").asText()).as(refusal.body()).isEqualTo("DISBURSEMENT_EXCEEDS_ALLOCATION");
                assertThat(problem.get("allocated").asLong()).isEqualTo(ALLOCATED);
                assertThat(problem.get("disbursed").asLong()).isEqualTo(6 * FIFTEEN_PERCENT);
                assertThat(problem.get("requested").asLong()).isEqualTo(FIFTEEN_PERCENT);
            }
            assertThat(succeeded.stream().map(r -> r.json().get("disbursed").asLong()).sorted().toList())
                    .as("each success saw a distinct running total")
                    .containsExactly(15_000_000L, 30_000_000L, 45_000_000L, 60_000_000L, 75_000_000L, 90_000_000L);

            // The ledger itself: six disbursement events, running totals never above the allocation.
            List<Long> runningTotals = new ArrayList<>();
            long sum = 0;
            for (Document event : eventsOfType(database, "FundsDisbursedEvent")) {
                JsonNode payload = JSON.readTree(event.getString("payload"));
                if (payload.get("allocationId").asText().equals(id)) {
                    sum += payload.get("amount").asLong();
                    runningTotals.add(payload.get("disbursedAfter").asLong());
                    assertThat(payload.get("disbursedAfter").asLong()).isLessThanOrEqualTo(ALLOCATED);
                }
            }
            assertThat(runningTotals).hasSize(6).doesNotHaveDuplicates();
            assertThat(sum).isEqualTo(6 * FIFTEEN_PERCENT).isLessThanOrEqualTo(ALLOCATED);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode view = nodes.get(1).get("auditor", "/api/allocations/" + id).json();
                assertThat(view.get("figures").get("disbursed").asLong()).isEqualTo(6 * FIFTEEN_PERCENT);
                assertThat(view.get("entries")).hasSize(7);
            });
            assertThat(nodes.get(1).get("auditor", "/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
            System.out.printf("concurrent disbursements: ledger append conflicts retried: node 1 %d, node 2 %d%n",
                    conflicts(first), conflicts(second));
        }
    }

    private static long conflicts(ConfigurableApplicationContext context) {
        Timer timer = context.getBean(MeterRegistry.class).find("ledger.append").tag("outcome", "conflict").timer();
        return timer == null ? 0 : timer.count();
    }

    private static String bodies(List<ApiClient.Response> responses) {
        return responses.stream().map(r -> r.status() + " " + r.body()).toList().toString();
    }

    private static List<Document> eventsOfType(MongoDatabase database, String type) {
        List<Document> events = new ArrayList<>();
        for (Document commit : database.getCollection("events").find()) {
            for (Document event : commit.getList("events", Document.class, List.of())) {
                if (String.valueOf(event.get("type")).endsWith("." + type)) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    private static long countOfType(MongoDatabase database, String type) {
        return eventsOfType(database, type).size();
    }
}
