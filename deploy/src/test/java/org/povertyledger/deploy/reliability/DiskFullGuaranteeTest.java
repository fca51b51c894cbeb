package org.povertyledger.deploy.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;
import org.povertyledger.deploy.ApiClient;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Guarantee 6, disk full and read-only data directory, on real file systems: small tmpfs mounts made for the test
 * (the build runs as root; each mount is removed in a finally block). A read-only data directory stops the
 * service at start-up with an error naming the directory; a data directory that fills up while writes arrive
 * answers them with a problem (never a 500) and leaves a store that opens, verifies and holds every
 * acknowledged write.
 */
class DiskFullGuaranteeTest {

    private static final int FULL_MEGABYTES = 16;
    /** Room for a few durable commits (each writes a new file chunk) once the disk is otherwise full. */
    private static final long LEFT_FREE_BYTES = 256 * 1024;

    @TempDir
    Path work;

    /** A tmpfs mount, removed on close. */
    record Mount(Path dir) implements AutoCloseable {

        static Mount tmpfs(Path dir, String options) throws IOException, InterruptedException {
            Files.createDirectories(dir);
            run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
            return new Mount(dir);
        }

        void remount(String options) throws IOException, InterruptedException {
            run("mount", "-o", "remount," + options, dir.toString());
        }

        @Override
        public void close() throws IOException, InterruptedException {
            run("umount", "-l", dir.toString());
        }

        private static void run(String... command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(PovertyLedgerApplication.class)
                .run("--server.port=0", "--povertyledger.mongodb.uri=", "--povertyledger.data-dir=" + dataDir,
                        "--povertyledger.programme.load-reference-on-start=false");
    }

    @Test
    void aReadOnlyDataDirectoryStopsTheStartWithAnErrorNamingIt() throws Exception {
        try (Mount mount = Mount.tmpfs(work.resolve("ro"), "size=4m,ro")) {
            Throwable failure = catchThrowable(() -> start(mount.dir()).close());
            assertThat(failure).as("the start on a read-only data directory").isNotNull();
            List<String> messages = new ArrayList<>();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                messages.add(String.valueOf(t.getMessage()));
            }
            assertThat(messages).anyMatch(m -> m.contains("the data directory " + mount.dir())
                    && m.contains("is not writable") && m.contains("povertyledger.data-dir"));
            assertThat(messages.get(messages.size() - 1)).contains("Read-only file system");
            System.out.println("read-only data directory: start refused: " + messages.stream()
                    .filter(m -> m.startsWith("the data directory")).findFirst().orElseThrow());
            GuaranteeLog.record("read-only data directory", "start on a read-only tmpfs", "EROFS", 0, 0,
                    "start refused, naming the directory");
        }
    }

    @Test
    void aDataDirectoryThatFillsUpAnswersWritesWithAProblemAndLeavesASoundStore() throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> acknowledged = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Path copy = work.resolve("copy");
        try (Mount mount = Mount.tmpfs(work.resolve("full"), "size=" + FULL_MEGABYTES + "m")) {
            try (ConfigurableApplicationContext app = start(mount.dir())) {
                ApiClient api = new ApiClient(((WebServerApplicationContext) app).getWebServer().getPort());
                // Another tenant of the disk takes all but the last few hundred kilobytes.
                Path filler = mount.dir().resolve("filler.bin");
                long free = Files.getFileStore(mount.dir()).getUsableSpace();
                try (var out = Files.newOutputStream(filler)) {
                    byte[] block = new byte[64 * 1024];
                    for (long left = free - LEFT_FREE_BYTES; left > 0; left -= block.length) {
                        out.write(block, 0, (int) Math.min(block.length, left));
                    }
                }
                int refusedInARow = 0;
                for (int i = 0; i < 3_000 && refusedInARow < 20; i++) {
                    String id = "HH-DF" + i;
                    ApiClient.Response response = api.post("officer", "/api/households",
                            Requests.household(id, "Buon Jun " + UUID.randomUUID()));
                    statuses.merge(response.status(), 1, Integer::sum);
                    if (response.status() == 201) {
                        acknowledged.add(id);
                        refusedInARow = 0;
                    } else {
                        refusedInARow++;
                        if (problems.size() < 5) {
                            problems.add(response.status() + " " + response.body());
                        }
                    }
                }
                System.out.println("disk full: statuses " + statuses + ", first problems " + problems);
                Files.delete(filler);
            }
            Files.createDirectories(copy);
            Files.copy(mount.dir().resolve(EmbeddedMongoServer.STORE_FILE_NAME),
                    copy.resolve(EmbeddedMongoServer.STORE_FILE_NAME));
        }
        try (EmbeddedMongoServer store = EmbeddedMongoServer.start(copy);
             MongoClient client = MongoClients.create(store.connectionString())) {
            LedgerAudit ledger = LedgerAudit.of(client.getDatabase("povertyledger"));
            System.out.println("disk full: " + ledger);
            assertThat(ledger.sound()).as(ledger.toString()).isTrue();
            List<String> registered = ledger.ofType("HouseholdRegisteredEvent").stream()
                    .map(LedgerAudit.Event::aggregateId).toList();
            assertThat(registered).containsAll(acknowledged);
            int writes = statuses.values().stream().mapToInt(Integer::intValue).sum();
            long lost = acknowledged.stream().filter(id -> !registered.contains(id)).count();
            GuaranteeLog.record("disk full", FULL_MEGABYTES + " MB tmpfs filled to " + LEFT_FREE_BYTES / 1024
                            + " KB free, " + writes + " writes", "ENOSPC", lost,
                    registered.size() - registered.stream().distinct().count(), statuses + ", store sound");
        }
        assertThat(statuses.keySet()).as("answers while the disk was full").doesNotContain(500)
                .anyMatch(status -> status != 201);
    }
}
