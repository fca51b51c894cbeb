package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.demo.DemoCommand;
import org.povertyledger.command.demo.DemoDistrict;
import org.povertyledger.deploy.demo.DemoDistrictLoader;
import org.povertyledger.shared.household.command.CorrectAssessmentCommand;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One replay call over the whole log of a (small) generated demo district counts every classification the load
 * recorded, each agreeing with its rulebook. The request does not wait (inline wait 0), so the replay runs in the
 * background and the client follows its progress to the end.
 */
class DecisionReplayDemoDistrictTest {

    private static final int HOUSEHOLDS = 300;

    @TempDir
    Path dataDir;

    @Test
    void aReplayOfTheWholeDemoDistrictRunsInTheBackgroundAndEveryDecisionAgrees() throws Exception {
        DemoDistrict district = new DemoDistrict(DemoDistrict.DEFAULT_SEED, HOUSEHOLDS);
        long decisions = 0;
        for (DemoCommand command : district) {
            if (command.command() instanceof RecordAssessmentCommand
                    || command.command() instanceof CorrectAssessmentCommand) {
                decisions++;
            }
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PovertyLedgerApplication.class).run(
                "--server.port=0", "--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=",
                "--povertyledger.demo.enabled=true", "--povertyledger.demo.households=" + HOUSEHOLDS,
                "--povertyledger.audit.replay.inline-wait=0s")) {
            assertThat(app.getBean(DemoDistrictLoader.class).await(Duration.ofMinutes(5)))
                    .isEqualTo(DemoDistrictLoader.Status.LOADED);
            ApiClient api = new ApiClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));

            ApiClient.Response started = api.post("auditor", "/api/audit/replays", Map.of());
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            assertThat(started.json().get("state").asText()).isEqualTo("RUNNING");
            assertThat(started.json().get("decisionsTotal").isNull()).isTrue();
            String location = started.header("Location");

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode progress = api.get("auditor", location).json();
                assertThat(progress.get("percent").asDouble()).isBetween(0.0, 100.0);
                return progress.get("state").asText().equals("COMPLETED");
            });
            JsonNode done = api.get("auditor", location + "?outcome=DIVERGES").json();
            assertThat(done.get("decisionsTotal").asLong()).isEqualTo(decisions);
            assertThat(done.get("counts").get("AGREES").asLong()).isEqualTo(decisions);
            assertThat(done.get("counts").get("DIVERGES").asLong()).isZero();
            assertThat(done.get("results").get("items").size()).isZero();
            assertThat(done.get("toPosition").asLong()).isLessThan(done.get("startedPosition").asLong());
            System.out.printf("decision replay, demo district of %d households: %d decisions over %d log positions"
                            + " in %d ms = %d decisions/s%n", HOUSEHOLDS, decisions, done.get("toPosition").asLong(),
                    done.get("elapsedMs").asLong(), done.get("decisionsPerSecond").asLong());
        }
    }
}
