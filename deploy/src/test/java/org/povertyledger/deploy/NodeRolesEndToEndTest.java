package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.query.feed.webhook.WebhookDispatcher;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node started with {@code povertyledger.roles=query}: it serves reads and runs the read-model projections, refuses
 * writes and the feed with a 503 naming the role (writing nothing), and runs none of the command or feed work even
 * when that work is switched on by other settings.
 */
class NodeRolesEndToEndTest {

    @TempDir
    Path dataDir;

    @Test
    void aQueryNodeServesReadsRunsProjectionsAndRefusesWritesAndTheFeedByRole() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                .run("--server.port=0", "--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=",
                        "--povertyledger.roles=query",
                        // switched on here, off because of the role
                        "--povertyledger.demo.enabled=true", "--povertyledger.feed.webhooks.enabled=true")) {
            ApiClient api = new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
            MongoLedgerStorageEngine engine = context.getBean(MongoLedgerStorageEngine.class);
            long head = engine.head().position();

            Map<String, Object> household = HouseholdBodies.registration("HH-ROLE", 1);
            ApiClient.Response refused = api.post("officer", "/api/households", household, "role-key-1");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).contains("application/problem+json");
            assertThat(refused.json().get("code").asText()).isEqualTo("ROLE_NOT_ON_THIS_NODE");
            assertThat(refused.json().get("requiredRole").asText()).isEqualTo("command");
            assertThat(refused.json().get("rule").asText()).isEqualTo("node-role:command");
            assertThat(refused.json().get("nodeRoles").toString()).isEqualTo("[\"query\"]");
            assertThat(engine.head().position()).as("nothing written").isEqualTo(head);
            // the refusal is not kept under the idempotency key: the same request can go to a command node
            assertThat(api.post("officer", "/api/households", household, "role-key-1").status()).isEqualTo(503);

            ApiClient.Response feed = api.get("integrator", "/api/feed?after=0");
            assertThat(feed.status()).isEqualTo(503);
            assertThat(feed.json().get("requiredRole").asText()).isEqualTo("feed");

            assertThat(api.get("officer", "/api/households").status()).isEqualTo(200);
            assertThat(api.get("auditor", "/api/ledger/head").status()).isEqualTo(200);
            assertThat(api.get(null, "/actuator/health/readiness").status()).isEqualTo(200);

            EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
            assertThat(processing.eventProcessor("household-view", StreamingEventProcessor.class)).isPresent();
            assertThat(processing.eventProcessor("indicators", StreamingEventProcessor.class)).isPresent();
            assertThat(processing.eventProcessor("webhook-subscriptions")).isEmpty();
            assertThat(context.getBeansOfType(WebhookDispatcher.class)).isEmpty();
            assertThat(context.getEnvironment().getProperty("povertyledger.demo.enabled")).isEqualTo("false");
        }
    }
}
