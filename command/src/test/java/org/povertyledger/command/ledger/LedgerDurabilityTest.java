package org.povertyledger.command.ledger;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Kills a JVM that appends to the embedded store with SIGKILL, reopens the store and checks that every event the
 * child had acknowledged is there, unchanged, on a gapless and intact chain.
 */
class LedgerDurabilityTest {

    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    @Test
    void everyAcknowledgedEventSurvivesKillDashNine() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path childLog = logDir.resolve("child-stderr.log");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                                           DurabilityChild.class.getName(), dataDir.toString(), "100000")
                .redirectError(childLog.toFile())
                .start();
        Map<Long, String[]> acked = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < ACKS_BEFORE_KILL && (line = reader.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acked.put(Long.parseLong(parts[1]), new String[]{parts[2], parts[3]});
                }
            }
            if (acked.size() < ACKS_BEFORE_KILL) {
                fail("child ended after " + acked.size() + " acknowledgements: " + Files.readString(childLog));
            }
            // SIGKILL on Linux: no shutdown hook, no clean close of the store, appends in flight.
            child.destroyForcibly();
            child.waitFor();
        } finally {
            child.destroyForcibly();
        }
        long highestAcked = acked.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();

        try (LedgerFixture fixture = LedgerFixture.start(dataDir)) {
            MongoLedgerStorageEngine engine = fixture.engine();
            List<? extends TrackedEventMessage<?>> all = engine.readEvents(null, false).toList();
            for (int i = 0; i < all.size(); i++) {
                assertThat(((GlobalSequenceTrackingToken) all.get(i).trackingToken()).getGlobalIndex())
                        .isEqualTo(i + 1L);
            }
            assertThat((long) all.size()).isGreaterThanOrEqualTo(highestAcked);

            Map<Long, String> storedHashes = new HashMap<>();
            for (Document commit : fixture.eventsCollection().find()) {
                for (Document event : commit.getList("events", Document.class)) {
                    storedHashes.put(event.getLong("pos"), event.getString("hash"));
                }
            }
            acked.forEach((position, idAndHash) -> {
                assertThat(all.get((int) (position - 1)).getIdentifier()).isEqualTo(idAndHash[0]);
                assertThat(storedHashes.get(position)).isEqualTo(idAndHash[1]);
            });

            VerificationResult result = engine.verifier().verify();
            assertThat(result.ok()).as(String.valueOf(result)).isTrue();
            assertThat(engine.head().position()).isEqualTo(all.size());
            System.out.printf("kill -9: %d events acknowledged (highest position %d), %d found after restart%n",
                              acked.size(), highestAcked, all.size());
        }
    }
}
