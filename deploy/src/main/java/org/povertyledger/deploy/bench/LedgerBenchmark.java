package org.povertyledger.deploy.bench;

import static org.povertyledger.deploy.bench.BenchSupport.deleteRecursively;
import static org.povertyledger.deploy.bench.BenchSupport.peakHeapMb;
import static org.povertyledger.deploy.bench.BenchSupport.seconds;
import static org.povertyledger.deploy.bench.BenchSupport.startHeapSampling;
import static org.povertyledger.deploy.bench.BenchSupport.usedHeapMb;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;
import org.povertyledger.command.ledger.embedded.StoreCompaction;
import org.povertyledger.command.ledger.embedded.StoreSpace;
import org.povertyledger.deploy.config.StoreConfiguration;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.command.AssessmentFindings;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.ReviewYear;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures, in one run on a fresh embedded store: (a) raw driver inserts of event-shaped documents,
 * (b) appends through the command gateway with 1 and 4 threads, (c) a fresh projection catching up over
 * the whole log, (d) a raw cursor over the log; and prints each rate with the ratios (b)/(a) and
 * (c)/(d), the append rate by log size, and heap use. Run: {@code java -jar povertyledger.jar bench}.
 */
public final class LedgerBenchmark {

    private static final String PROCESSOR = "household-view";
    private static final int BLOCK = 20;
    private static final Set<String> POOR_DEPRIVATIONS = Set.of("NUTRITION", "HOUSING_QUALITY", "DOMESTIC_WATER");

    private final int events;
    private final int threads;
    private final int window;
    private final PrintStream out;

    LedgerBenchmark(int events, int threads, PrintStream out) {
        this.events = events;
        this.threads = threads;
        this.window = Math.max(1, Math.min(10_000, events / 10));
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        startHeapSampling();
        int events = 100_000;
        int threads = 4;
        for (String arg : args) {
            if (arg.startsWith("--events=")) {
                events = Integer.parseInt(arg.substring("--events=".length()));
            } else if (arg.startsWith("--threads=")) {
                threads = Integer.parseInt(arg.substring("--threads=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + " (use --events=N --threads=T)");
            }
        }
        if (events < 10 || threads < 1) {
            throw new IllegalArgumentException("--events must be at least 10 and --threads at least 1");
        }
        new LedgerBenchmark(events, threads, System.out).run();
    }

    /** Runs every phase and returns the printed figures. */
    public Results run() throws Exception {
        Path dataDir = Files.createTempDirectory("povertyledger-bench");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                .web(WebApplicationType.NONE)
                // As arguments, not default properties: application.yml would override those (data-dir, demo).
                .run("--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=",
                        "--povertyledger.demo.enabled=false",
                        "--logging.level.root=WARN", "--logging.level.org.povertyledger=WARN")) {
            EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
            processing.eventProcessors().values().forEach(EventProcessor::shutDown);
            MongoDatabase database = context.getBean(MongoDatabase.class);
            CommandGateway gateway = context.getBean(CommandGateway.class);
            MongoLedgerStorageEngine engine = context.getBean(MongoLedgerStorageEngine.class);

            out.printf(Locale.ROOT, "PovertyLedger benchmark: N=%,d events, embedded store in %s, %d cores, max heap %d MB%n",
                    events, dataDir, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));

            double rawOne = rawInsertOne(database.getCollection("bench_raw_one"));
            double rawMany = rawInsertMany(database.getCollection("bench_raw_many"));
            out.printf(Locale.ROOT, "(a) raw insertOne            %,10.0f docs/s%n", rawOne);
            out.printf(Locale.ROOT, "(a) raw insertMany (100)     %,10.0f docs/s%n", rawMany);

            Appends single = append(gateway, engine, 1, "S");
            out.printf(Locale.ROOT, "(b) gateway appends, 1 thread  %,10.0f events/s (%,d commands)%n",
                    single.rate(), single.commands());
            Appends multi = append(gateway, engine, threads, "M");
            out.printf(Locale.ROOT, "(b) gateway appends, %d threads %,10.0f events/s (%,d commands)%n",
                    threads, multi.rate(), multi.commands());
            printWindows(single, multi);
            long head = engine.head().position();

            double catchUp = catchUp(processing, head);
            out.printf(Locale.ROOT, "(c) fresh projection catch-up %,10.0f events/s over %,d events%n", catchUp, head);
            double rawRead = rawRead(database.getCollection("events"));
            out.printf(Locale.ROOT, "(d) raw cursor read           %,10.0f events/s%n", rawRead);

            Results results = new Results(rawOne, rawMany, single.rate(), multi.rate(), catchUp, rawRead,
                    single.rateBetween(window, 2L * window), single.rateBetween(events - window, events), usedHeapMb(), peakHeapMb());
            EmbeddedMongoServer server = context.getBean(StoreConfiguration.EmbeddedStore.class).server();
            StoreSpace space = server.space();
            EventBytes eventBytes = eventBytes(database.getCollection("events", RawBsonDocument.class));
            printSpace(space, eventBytes);
            // The raw baselines are the benchmark's own collections, not the service's data: dropped, then the file
            // is compacted (moving chunks and truncating, as the store does by itself in quiet periods).
            database.getCollection("bench_raw_one").drop();
            database.getCollection("bench_raw_many").drop();
            long compactStart = System.nanoTime();
            StoreCompaction compaction = server.compactFile(Duration.ofMinutes(5));
            StoreSpace compacted = server.space();
            out.printf(Locale.ROOT, "store file compacted (raw baseline collections dropped): %,.1f MB -> %,.1f MB in %.1f s "
                            + "(%d passes), live pages %,.1f MB (H2 fill rate %d%%)%n",
                    compaction.fileBytesBefore() / 1e6, compaction.fileBytesAfter() / 1e6, seconds(compactStart),
                    compaction.passes(), compacted.liveBytes() / 1e6, compacted.fillRatePercent());
            out.printf(Locale.ROOT, "%nfigure                                                 measured                     ratio   goal%n");
            row("gateway appends, 1 thread / raw insertOne",
                    String.format(Locale.ROOT, "%,.0f / %,.0f ev/s", results.single(), results.rawOne()),
                    results.single() / results.rawOne(), ">= 0.90 (keep)");
            row("gateway appends, " + threads + " threads / raw insertOne",
                    String.format(Locale.ROOT, "%,.0f / %,.0f ev/s", results.multi(), results.rawOne()),
                    results.multi() / results.rawOne(), ">= 1.80 (keep)");
            row("fresh projection catch-up / raw cursor read",
                    String.format(Locale.ROOT, "%,.0f / %,.0f ev/s", results.catchUp(), results.rawRead()),
                    results.catchUp() / results.rawRead(), ">= 0.80");
            row(String.format(Locale.ROOT, "append rate at %,d vs %,d stored events", (long) events, (long) window),
                    String.format(Locale.ROOT, "%,.0f / %,.0f ev/s", results.lateWindowRate(), results.earlyWindowRate()),
                    results.lateWindowRate() / results.earlyWindowRate(), ">= 0.80 (keep)");
            row(String.format(Locale.ROOT, "store file after %,d events / events' own BSON", eventBytes.events()),
                    String.format(Locale.ROOT, "%,.1f MB = %,.0f B/event vs %,.0f", space.fileBytes() / 1e6,
                            (double) space.fileBytes() / eventBytes.events(), eventBytes.perEvent()),
                    (double) space.fileBytes() / eventBytes.bsonBytes(), "<= 2.00");
            row("store file compacted, without raw baselines / BSON",
                    String.format(Locale.ROOT, "%,.1f MB = %,.0f B/event vs %,.0f", compacted.fileBytes() / 1e6,
                            (double) compacted.fileBytes() / eventBytes.events(), eventBytes.perEvent()),
                    (double) compacted.fileBytes() / eventBytes.bsonBytes(), "<= 2.00");
            long ledgerLive = space.liveBytesByMap().entrySet().stream()
                    .filter(e -> e.getKey().endsWith(".events") || e.getKey().contains(".events._index_"))
                    .mapToLong(Map.Entry::getValue).sum();
            row("ledger (events + its indexes, live) / events' own BSON",
                    String.format(Locale.ROOT, "%,.0f B/event vs %,.0f", (double) ledgerLive / eventBytes.events(),
                            eventBytes.perEvent()),
                    (double) ledgerLive / eventBytes.bsonBytes(), "<= 2.00");
            row("peak heap", String.format(Locale.ROOT, "%d MB of %,d", results.peakHeapMb(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024)), Double.NaN, "<= 512 MB at 1,000,000 events");
            return results;
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private void row(String figure, String measured, double ratio, String goal) {
        out.printf(Locale.ROOT, "%-54s %-28s %6s   %s%n", figure, measured,
                Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio), goal);
    }

    /** The events' own size: the BSON of each event sub-document, without the commit around it or any index. */
    private static EventBytes eventBytes(MongoCollection<RawBsonDocument> ledger) {
        long bytes = 0;
        long count = 0;
        long commits = 0;
        long commitBytes = 0;
        try (MongoCursor<RawBsonDocument> cursor = ledger.find().batchSize(1000).iterator()) {
            while (cursor.hasNext()) {
                RawBsonDocument commit = cursor.next();
                commits++;
                commitBytes += commit.getByteBuffer().remaining();
                for (BsonValue event : commit.getArray("events")) {
                    bytes += ((RawBsonDocument) event.asDocument()).getByteBuffer().remaining();
                    count++;
                }
            }
        }
        return new EventBytes(count, bytes, commits, commitBytes);
    }

    /** Live bytes by collection (documents, then each index) and what the file holds beyond them. */
    private void printSpace(StoreSpace space, EventBytes eventBytes) {
        out.printf(Locale.ROOT, "store file %,.1f MB, live pages %,.1f MB (H2 fill rate %d%%); "
                        + "%,d events in %,d commits: events' BSON %,.1f MB (%,.0f B/event), commit documents %,.1f MB%n",
                space.fileBytes() / 1e6, space.liveBytes() / 1e6, space.fillRatePercent(), eventBytes.events(),
                eventBytes.commits(), eventBytes.bsonBytes() / 1e6, eventBytes.perEvent(), eventBytes.commitBytes() / 1e6);
        out.printf(Locale.ROOT, "  %-58s %12s %10s%n", "map (collection or index), live pages", "bytes", "B/event");
        space.liveBytesByMap().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0)
                .forEach(e -> out.printf(Locale.ROOT, "  %-58s %,12d %,10.1f%n", e.getKey(), e.getValue(),
                        (double) e.getValue() / eventBytes.events()));
        out.printf(Locale.ROOT, "  %-58s %,12d %,10.1f%n", "(not live: old chunks not yet reused)",
                space.fileBytes() - space.liveBytes(),
                (double) (space.fileBytes() - space.liveBytes()) / eventBytes.events());
    }

    private record EventBytes(long events, long bsonBytes, long commits, long commitBytes) {
        double perEvent() {
            return events == 0 ? 0 : (double) bsonBytes / events;
        }
    }

    private Document eventShaped(long i) {
        String payload = "{\"householdId\":\"B-" + i + "\",\"reviewYear\":2023,\"reviewKind\":\"PERIODIC\","
                + "\"surveyDate\":\"2023-10-01\",\"area\":\"RURAL\",\"incomePerCapitaMonthly\":1200000,"
                + "\"livelihood\":\"OTHER\",\"deprivations\":[\"DOMESTIC_WATER\",\"NUTRITION\"],"
                + "\"decisionRef\":\"QD-1\",\"effectiveDate\":\"2023-12-14\",\"status\":\"NEAR_POOR\"}";
        Document event = new Document("pos", i).append("id", java.util.UUID.randomUUID().toString())
                .append("aggType", "Household").append("aggId", "B-" + i).append("seq", 0L)
                .append("type", "org.povertyledger.shared.household.event.AssessmentRecordedEvent")
                .append("ts", java.time.Instant.now().toString()).append("payload", payload)
                .append("meta", "{\"actorId\":\"bench\",\"actorRole\":\"OFFICER\"}")
                .append("hash", "0".repeat(64));
        return new Document("_id", i).append("last", i).append("n", 1)
                .append("streamKeys", List.of("B-" + i + "#0")).append("events", List.of(event));
    }

    private double rawInsertOne(MongoCollection<Document> collection) {
        long start = System.nanoTime();
        for (long i = 1; i <= events; i++) {
            collection.insertOne(eventShaped(i));
        }
        return events / seconds(start);
    }

    private double rawInsertMany(MongoCollection<Document> collection) {
        long start = System.nanoTime();
        List<Document> batch = new ArrayList<>(100);
        for (long i = 1; i <= events; i++) {
            batch.add(eventShaped(i));
            if (batch.size() == 100 || i == events) {
                collection.insertMany(batch);
                batch = new ArrayList<>(100);
            }
        }
        return events / seconds(start);
    }

    /**
     * Appends about N events with the given number of threads, each on its own households: registrations
     * (one event) and assessments of households registered earlier (one or two events).
     */
    private Appends append(CommandGateway gateway, MongoLedgerStorageEngine engine, int threadCount, String prefix)
            throws Exception {
        long startHead = engine.head().position();
        long target = startHead + events;
        AtomicLong commands = new AtomicLong();
        List<long[]> windows = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                // blocks of 20 households: register them, then review each of them for 2021..2025
                for (int block = 0; engine.head().position() < target; block++) {
                    for (int step = 0; step < BLOCK * 6 && engine.head().position() < target; step++) {
                        int member = step % BLOCK;
                        HouseholdId id = new HouseholdId(prefix + thread + "-" + (block * BLOCK + member));
                        if (step < BLOCK) {
                            gateway.sendAndWait(new RegisterHouseholdCommand(id, new CommuneCode("24541"), "Buon Jun",
                                    Area.RURAL, "Head " + member, "M'nong", true, 4));
                        } else {
                            int year = 2020 + step / BLOCK;
                            boolean poor = (member + year) % 3 == 0;
                            gateway.sendAndWait(new RecordAssessmentCommand(id, new ReviewYear(year), ReviewKind.PERIODIC,
                                    LocalDate.of(year, 10, 1),
                                    new AssessmentFindings(new Vnd(poor ? 1_100_000 : 2_600_000), Livelihood.OTHER,
                                            poor ? POOR_DEPRIVATIONS : Set.of()),
                                    "QD-" + year, LocalDate.of(year, 12, 14)));
                        }
                        commands.incrementAndGet();
                        if (thread == 0) {
                            windows.add(new long[] {engine.head().position() - startHead, System.nanoTime()});
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double elapsed = seconds(start);
        long appended = engine.head().position() - startHead;
        return new Appends(appended / elapsed, commands.get(), windows, start);
    }

    private void printWindows(Appends single, Appends multi) {
        out.printf(Locale.ROOT, "append rate by log size (1 thread), events/s per %,d-event window:%n", window);
        for (long from = 0; from + window <= events; from += window) {
            out.printf(Locale.ROOT, "   %,9d..%,9d  %,10.0f%n", from, from + window, single.rateBetween(from, from + window));
        }
        out.printf(Locale.ROOT, "append rate by log size (%d threads, log already at %,d), events/s:%n", threads, events);
        for (long from = 0; from + window <= events; from += window * 5L) {
            out.printf(Locale.ROOT, "   %,9d..%,9d  %,10.0f%n", events + from, events + from + window,
                    multi.rateBetween(from, from + window));
        }
    }

    private double catchUp(EventProcessingConfiguration processing, long head) throws InterruptedException {
        StreamingEventProcessor processor = processing.eventProcessor(PROCESSOR, StreamingEventProcessor.class)
                .orElseThrow();
        processor.resetTokens();
        long start = System.nanoTime();
        processor.start();
        while (true) {
            long slowest = processor.processingStatus().values().stream()
                    .mapToLong(s -> s.getCurrentPosition().orElse(0))
                    .min().orElse(0);
            if (!processor.processingStatus().isEmpty() && slowest >= head) {
                break;
            }
            Thread.sleep(5);
        }
        double rate = head / seconds(start);
        processor.shutDown();
        return rate;
    }

    private double rawRead(MongoCollection<Document> collection) {
        long start = System.nanoTime();
        long count = 0;
        try (MongoCursor<Document> cursor = collection.find().batchSize(1000).iterator()) {
            while (cursor.hasNext()) {
                count += cursor.next().getList("events", Document.class).size();
            }
        }
        return count / seconds(start);
    }

    /** Rates in events (or documents) per second. */
    public record Results(double rawOne, double rawMany, double single, double multi, double catchUp, double rawRead,
                          double earlyWindowRate, double lateWindowRate, long usedHeapMb, long peakHeapMb) {
    }

    /** Samples (events appended since start, nanoTime) taken after each command of the first thread. */
    private record Appends(double rate, long commands, List<long[]> samples, long startNanos) {

        double rateBetween(long fromEvents, long toEvents) {
            long[] from = null;
            long[] to = null;
            synchronized (samples) {
                for (long[] sample : samples) {
                    if (from == null && sample[0] >= fromEvents) {
                        from = sample;
                    }
                    if (sample[0] >= toEvents) {
                        to = sample;
                        break;
                    }
                }
            }
            if (from == null || to == null || to == from) {
                return Double.NaN;
            }
            return (to[0] - from[0]) / ((to[1] - from[1]) / 1e9);
        }
    }
}
