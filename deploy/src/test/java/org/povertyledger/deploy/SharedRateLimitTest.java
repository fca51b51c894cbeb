package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two service nodes (two application contexts) on one store, the store alone listening on TCP as
 * {@code java -jar povertyledger.jar store} runs it: the rate limits' buckets are in the store, so a user's budget
 * of writes and of failed sign-ins is spent once across both nodes, not once on each.
 */
class SharedRateLimitTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext node(EmbeddedMongoServer store, String name) {
        return new SpringApplicationBuilder(PovertyLedgerApplication.class).run("--server.port=0",
                "--povertyledger.data-dir=" + dataDir.resolve(name), "--povertyledger.mongodb.uri="
                        + store.connectionString(), "--povertyledger.cluster.node-id=" + name,
                "--povertyledger.demo.enabled=false", "--povertyledger.programme.load-reference-on-start=false",
                "--povertyledger.rulebooks.load-built-in-on-start=false",
                "--povertyledger.limits.writes.per-user=4", "--povertyledger.limits.writes.period=1h",
                "--povertyledger.limits.logins.per-user=3", "--povertyledger.limits.logins.period=1h",
                "--logging.level.root=WARN");
    }

    private static ApiClient client(ConfigurableApplicationContext node) {
        return new ApiClient(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    @Test
    void twoNodesOnOneStoreDrawOnOneBudgetOfWritesAndOfFailedSignIns() {
        try (EmbeddedMongoServer store = EmbeddedMongoServer.start(dataDir.resolve("store"), "127.0.0.1", 0);
             ConfigurableApplicationContext nodeA = node(store, "node-a");
             ConfigurableApplicationContext nodeB = node(store, "node-b")) {
            ApiClient a = client(nodeA);
            ApiClient b = client(nodeB);

            // four writes per user and hour: two on each node use them up; the fifth is refused on either node
            for (int i = 0; i < 4; i++) {
                ApiClient.Response written = (i % 2 == 0 ? a : b).post("officer", "/api/households",
                        HouseholdBodies.registration("HH-S" + i, i));
                assertThat(written.status()).as(written.body()).isEqualTo(201);
            }
            ApiClient.Response onA = a.post("officer", "/api/households", HouseholdBodies.registration("HH-S8", 8));
            ApiClient.Response onB = b.post("officer", "/api/households", HouseholdBodies.registration("HH-S9", 9));
            assertThat(onA.status()).as("N nodes do not allow N times the limit: " + onA.body()).isEqualTo(429);
            assertThat(onB.status()).as(onB.body()).isEqualTo(429);
            assertThat(onB.json().get("rule").asText()).isEqualTo("max-requests:4/PT1H");
            // another user's budget is its own
            assertThat(b.post("admin", "/api/households", HouseholdBodies.registration("HH-S7", 7)).status())
                    .isEqualTo(201);

            // three failed sign-ins per user name: spread over the nodes, the fourth attempt is refused
            assertThat(a.get(null, "/api/households", FailedLoginLimitEndToEndTest.basic("auditor", "x1")).status())
                    .isEqualTo(401);
            assertThat(b.get(null, "/api/households", FailedLoginLimitEndToEndTest.basic("auditor", "x2")).status())
                    .isEqualTo(401);
            assertThat(a.get(null, "/api/households", FailedLoginLimitEndToEndTest.basic("auditor", "x3")).status())
                    .isEqualTo(401);
            ApiClient.Response locked = b.get("auditor", "/api/households");
            assertThat(locked.status()).as(locked.body()).isEqualTo(429);
            assertThat(locked.json().get("field").asText()).isEqualTo("user");

            MongoDatabase database = nodeA.getBean(MongoDatabase.class);
            assertThat(database.getCollection("rate_limit_buckets").countDocuments()).isPositive();
        }
    }
}
