package org.povertyledger.deploy.bench;

import static org.povertyledger.deploy.bench.BenchSupport.deleteRecursively;
import static org.povertyledger.deploy.bench.BenchSupport.seconds;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.audit.CheckpointKeys;
import org.povertyledger.command.ledger.audit.ExportVerifier;
import org.povertyledger.command.ledger.audit.LedgerExport;
import org.povertyledger.command.ledger.audit.LedgerHashing;
import org.povertyledger.command.ledger.audit.MerkleFrontier;
import org.povertyledger.command.ledger.audit.SignedCheckpoint;
import org.povertyledger.command.ledger.checkpoint.LedgerCheckpoints;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cost of audit depth, in one run: (a) appends through the command gateway with the background checkpointer
 * off and on, in alternating rounds on one store, with the ratio on/off (goal at least 0.90); (b) the offline
 * verifier over an export of N events against a signed checkpoint, against a plain SHA-256 pass over the same
 * bytes. Run: {@code java -jar povertyledger.jar bench-audit [--events=N] [--appends=M] [--threads=T]
 * [--checkpoint-every=C]}; {@code --appends=0} skips (a).
 */
public final class AuditBenchmark {

    private static final int ROUNDS = 4;

    private final int exportEvents;
    private final int appends;
    private final int threads;
    private final int checkpointEvery;
    private final PrintStream out;

    AuditBenchmark(int exportEvents, int appends, int threads, int checkpointEvery, PrintStream out) {
        this.exportEvents = exportEvents;
        this.appends = appends;
        this.threads = threads;
        this.checkpointEvery = checkpointEvery;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int events = 200_000;
        int appends = 8_000;
        int threads = 4;
        int every = 100;
        for (String arg : args) {
            if (arg.startsWith("--events=")) {
                events = Integer.parseInt(arg.substring("--events=".length()));
            } else if (arg.startsWith("--appends=")) {
                appends = Integer.parseInt(arg.substring("--appends=".length()));
            } else if (arg.startsWith("--threads=")) {
                threads = Integer.parseInt(arg.substring("--threads=".length()));
            } else if (arg.startsWith("--checkpoint-every=")) {
                every = Integer.parseInt(arg.substring("--checkpoint-every=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + " (use --events=N --appends=M --threads=T --checkpoint-every=C)");
            }
        }
        if (events < 1 || (appends != 0 && appends < ROUNDS * 2) || threads < 1 || every < 1) {
            throw new IllegalArgumentException("--events, --threads and --checkpoint-every must be positive, "
                    + "--appends 0 (skip (a)) or at least " + ROUNDS * 2);
        }
        new AuditBenchmark(events, appends, threads, every, System.out).run();
    }

    public void run() throws Exception {
        out.printf(Locale.ROOT, "PovertyLedger audit benchmark: %d cores, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), BenchSupport.maxHeapMb());
        if (appends > 0) {
            appendCost();
        }
        verifierSpeed();
    }

    // ------------------------------------------------------------------------------------------------ (a)

    private void appendCost() throws Exception {
        Path dataDir = Files.createTempDirectory("povertyledger-bench-audit");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=",
                        "--povertyledger.demo.enabled=false",
                        "--povertyledger.ledger.checkpoints-enabled=false",
                        "--povertyledger.ledger.checkpoint-every=" + checkpointEvery,
                        "--povertyledger.ledger.checkpoint-poll=100ms",
                        "--logging.level.root=WARN", "--logging.level.org.povertyledger=WARN")) {
            // Projections off, as in the storage benchmark: this measures the append path and what competes with it.
            context.getBean(EventProcessingConfiguration.class).eventProcessors().values()
                    .forEach(EventProcessor::shutDown);
            CommandGateway gateway = context.getBean(CommandGateway.class);
            MongoLedgerStorageEngine engine = context.getBean(MongoLedgerStorageEngine.class);
            LedgerCheckpoints checkpoints = context.getBean(LedgerCheckpoints.class);
            out.printf(Locale.ROOT, "(a) %,d appends per mode, %d threads, %d alternating rounds, checkpoint every %d "
                    + "commits (polled every 100 ms)%n", appends, threads, ROUNDS * 2, checkpointEvery);
            append(gateway, engine, Math.max(100, appends / 10), "W");
            double[] seconds = new double[2];
            long[] events = new long[2];
            int perRound = appends / ROUNDS;
            for (int round = 0; round < ROUNDS * 2; round++) {
                boolean on = round % 2 == 1;
                if (on) {
                    checkpoints.start();
                } else {
                    checkpoints.close();
                }
                long start = System.nanoTime();
                long appended = append(gateway, engine, perRound, "R" + round);
                seconds[on ? 1 : 0] += seconds(start);
                events[on ? 1 : 0] += appended;
            }
            checkpoints.close();
            SignedCheckpoint last = checkpoints.checkpointNow();
            double off = events[0] / seconds[0];
            double withCheckpoints = events[1] / seconds[1];
            out.printf(Locale.ROOT, "(a) appends without checkpoints  %,10.0f events/s%n", off);
            out.printf(Locale.ROOT, "(a) appends with checkpoints     %,10.0f events/s (%,d checkpoints signed, last at %,d)%n",
                    withCheckpoints, checkpoints.count(), last.position());
            out.printf(Locale.ROOT, "ratio (a) with/without checkpoints %.2f   goal >= 0.90%n", withCheckpoints / off);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private long append(CommandGateway gateway, MongoLedgerStorageEngine engine, int count, String prefix)
            throws Exception {
        long before = engine.head().position();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long i;
                while ((i = next.getAndIncrement()) < count) {
                    gateway.sendAndWait(new RegisterHouseholdCommand(new HouseholdId(prefix + "-" + i),
                            new CommuneCode("24541"), "Buon Jun", Area.RURAL, "Head " + i, "M'nong", true, 4));
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return engine.head().position() - before;
    }

    // ------------------------------------------------------------------------------------------------ (b)

    private void verifierSpeed() throws Exception {
        Path dir = Files.createTempDirectory("povertyledger-bench-verifier");
        try {
            Path export = dir.resolve("export.ndjson");
            KeyPair key = CheckpointKeys.generate();
            long start = System.nanoTime();
            SignedCheckpoint checkpoint = writeExport(export, key);
            long bytes = Files.size(export);
            out.printf(Locale.ROOT, "(b) export of %,d events, %,d MB, written in %.1f s%n", exportEvents,
                    bytes / (1024 * 1024), seconds(start));
            double sha = 0;
            double verifier = 0;
            // Twice each, alternating, best of two: the first pass also warms the JIT and the page cache.
            for (int pass = 0; pass < 2; pass++) {
                sha = Math.max(sha, exportEvents / plainSha256(export));
                verifier = Math.max(verifier, exportEvents / verify(export, checkpoint, key));
            }
            out.printf(Locale.ROOT, "(b) plain SHA-256 over the export  %,10.0f events/s (%,.0f MB/s)%n", sha,
                    sha * bytes / exportEvents / (1024 * 1024));
            out.printf(Locale.ROOT, "(b) offline verifier              %,10.0f events/s (chain, Merkle root, signature)%n",
                    verifier);
            out.printf(Locale.ROOT, "ratio (b) verifier/plain SHA-256 %.2f%n", verifier / sha);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Writes a valid export of event-shaped lines and returns a checkpoint signed over all of it. */
    private SignedCheckpoint writeExport(Path file, KeyPair key) throws Exception {
        MerkleFrontier frontier = new MerkleFrontier();
        HexFormat hex = HexFormat.of();
        String previous = LedgerHashing.GENESIS_HASH;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            LedgerExport export = LedgerExport.start(out, 1, (long) exportEvents, previous, Instant.now().toString());
            Map<String, Object> event = new LinkedHashMap<>();
            for (long pos = 1; pos <= exportEvents; pos++) {
                String id = UUID.randomUUID().toString();
                String aggId = "B-" + pos;
                String type = "org.povertyledger.shared.household.event.AssessmentRecordedEvent";
                String ts = Instant.ofEpochSecond(1_760_000_000L + pos).toString();
                String payload = "{\"householdId\":\"" + aggId + "\",\"reviewYear\":2023,\"reviewKind\":\"PERIODIC\","
                        + "\"surveyDate\":\"2023-10-01\",\"area\":\"RURAL\",\"incomePerCapitaMonthly\":1200000,"
                        + "\"livelihood\":\"OTHER\",\"deprivations\":[\"DOMESTIC_WATER\",\"NUTRITION\"],"
                        + "\"decisionRef\":\"QD-1\",\"effectiveDate\":\"2023-12-14\",\"status\":\"NEAR_POOR\"}";
                String meta = "{\"actorId\":\"bench\",\"actorRole\":\"OFFICER\",\"recordedAt\":\"" + ts + "\"}";
                String hash = LedgerHashing.hash(previous, pos, id, "Household", aggId, 0L, type, null, ts, payload, meta);
                event.put("pos", pos);
                event.put("id", id);
                event.put("aggType", "Household");
                event.put("aggId", aggId);
                event.put("seq", 0L);
                event.put("type", type);
                event.put("rev", null);
                event.put("ts", ts);
                event.put("payload", payload);
                event.put("meta", meta);
                event.put("hash", hash);
                export.event(event);
                frontier.addLeafData(hex.parseHex(hash));
                previous = hash;
            }
            export.finish();
        }
        return SignedCheckpoint.sign(exportEvents, previous, frontier.rootHex(), Instant.now(),
                CheckpointKeys.keyId(key.getPublic()), key.getPrivate());
    }

    private static double plainSha256(Path file) throws Exception {
        long start = System.nanoTime();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        digest.digest();
        return seconds(start);
    }

    private double verify(Path file, SignedCheckpoint checkpoint, KeyPair key) throws Exception {
        long start = System.nanoTime();
        ExportVerifier.Report report;
        try (InputStream in = Files.newInputStream(file)) {
            report = new ExportVerifier(List.of(checkpoint), Map.of(checkpoint.keyId(), key.getPublic())).verify(in);
        }
        double elapsed = seconds(start);
        if (!report.ok() || report.events() != exportEvents || report.checkpoints() != 1) {
            throw new IllegalStateException("the verifier rejected a valid export: " + report);
        }
        return elapsed;
    }
}
