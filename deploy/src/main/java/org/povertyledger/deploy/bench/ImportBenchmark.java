package org.povertyledger.deploy.bench;

import static org.povertyledger.deploy.bench.BenchSupport.deleteRecursively;
import static org.povertyledger.deploy.bench.BenchSupport.peakHeapMb;
import static org.povertyledger.deploy.bench.BenchSupport.seconds;
import static org.povertyledger.deploy.bench.BenchSupport.startHeapSampling;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.bson.Document;
import org.povertyledger.command.importing.BulkImporter;
import org.povertyledger.command.importing.Column;
import org.povertyledger.command.importing.ImportActor;
import org.povertyledger.command.importing.ImportReport;
import org.povertyledger.command.importing.ImportService;
import org.povertyledger.command.importing.ReviewFileWriter;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.povertyledger.shared.importing.value.ImportSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the bulk import in one run on a fresh embedded store: a file of N rows (each a new household:
 * registration plus its assessment) imported through the real importer; then the same number of event
 * documents as the import left in the ledger inserted raw with {@code insertMany} (batches of 100) into the
 * same store; with {@code --repeat} the same file again (every row unchanged). Prints rows/s, the ratio of
 * the import's document rate to the raw rate, and the peak heap during the import. Projections are stopped so
 * the import has the machine. {@code --dry-run} measures a dry run instead (memory of a large file without the
 * hours its writes take). Run: {@code java -Xmx512m -jar povertyledger.jar bench-import --rows=100000}.
 */
public final class ImportBenchmark {

    private static final int YEAR = 2024;
    private static final String[] COMMUNES = {"24610", "24611", "24612", "24613", "24616", "24617", "24619", "24622"};
    private static final String[][] DEPRIVATIONS = {
            {}, {"TELECOM_USE"}, {"HEALTH_INSURANCE", "DOMESTIC_WATER"},
            {"NUTRITION", "HOUSING_QUALITY", "DOMESTIC_WATER"},
            {"EMPLOYMENT", "HEALTH_INSURANCE", "HOUSING_AREA", "HYGIENIC_LATRINE"}};

    private final int rows;
    private final String format;
    private final boolean dryRun;
    private final boolean repeat;
    private final PrintStream out;

    ImportBenchmark(int rows, String format, boolean dryRun, boolean repeat, PrintStream out) {
        this.rows = rows;
        this.format = format;
        this.dryRun = dryRun;
        this.repeat = repeat;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        startHeapSampling();
        int rows = 100_000;
        String format = "csv";
        boolean dryRun = false;
        boolean repeat = false;
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (arg.equals("--repeat")) {
                repeat = true;
            } else if (arg.startsWith("--rows=")) {
                rows = Integer.parseInt(arg.substring("--rows=".length()));
            } else if (arg.startsWith("--format=")) {
                format = arg.substring("--format=".length());
            } else if (arg.startsWith("--povertyledger.")) {
                springArgs.add(arg);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + " (use --rows=N --format=csv|xlsx --dry-run --repeat --povertyledger.import.lanes=L)");
            }
        }
        if (rows < 1 || !(format.equals("csv") || format.equals("xlsx"))) {
            throw new IllegalArgumentException("--rows must be positive and --format csv or xlsx");
        }
        new ImportBenchmark(rows, format, dryRun, repeat, System.out).run(springArgs.toArray(String[]::new));
    }

    void run(String[] springArgs) throws Exception {
        Path dataDir = Files.createTempDirectory("povertyledger-bench-import");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                .web(WebApplicationType.NONE)
                // As arguments, not default properties: application.yml would override those.
                .run(arguments(springArgs, "--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=",
                        "--povertyledger.demo.enabled=false", "--logging.level.root=WARN"))) {
            context.getBean(EventProcessingConfiguration.class).eventProcessors().values().forEach(EventProcessor::shutDown);
            MongoDatabase database = context.getBean(MongoDatabase.class);
            MongoLedgerStorageEngine engine = context.getBean(MongoLedgerStorageEngine.class);
            ImportService imports = context.getBean(ImportService.class);
            String lanes = context.getEnvironment().getProperty("povertyledger.import.lanes", "12");

            Path file = dataDir.resolve("review-" + rows + "." + format);
            long generateStart = System.nanoTime();
            writeFile(file);
            out.printf(Locale.ROOT, "PovertyLedger import benchmark: %,d rows (%s, %,d KB, written in %.1f s), %s lanes, "
                            + "%d cores, max heap %d MB, embedded store in %s%n", rows, format.toUpperCase(Locale.ROOT),
                    Files.size(file) / 1024, seconds(generateStart), lanes, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), dataDir);

            ImportActor actor = new ImportActor("bench", "ADMIN");
            System.gc();
            resetPeakHeap();
            long importStart = System.nanoTime();
            ImportReport first = imports.runNow(imports.importer().prepare(file, file.getFileName().toString(),
                    BulkImporter.sha256(file), YEAR, dryRun, actor, ImportSource.COMMAND_LINE));
            double importSeconds = seconds(importStart);
            long peakHeap = peakHeapMb();
            long head = engine.head().position();
            // The collection's size, not countDocuments(): the embedded server would load every document to count them.
            long documents = database.getCollection("events").estimatedDocumentCount();
            out.printf(Locale.ROOT, "(a) %s %,10.0f rows/s  (%,d rows in %.1f s: %,d accepted, %,d rejected; "
                            + "%,d events in %,d event documents)%n", dryRun ? "dry run            " : "import             ",
                    first.counts().rows() / importSeconds, first.counts().rows(), importSeconds,
                    first.counts().accepted(), first.counts().rejected(), head, documents);
            out.printf(Locale.ROOT, "peak heap during (a)              %d MB of %d MB max (highest heap in use, sampled every 20 ms)%n",
                    peakHeap, Runtime.getRuntime().maxMemory() / (1024 * 1024));
            if (!dryRun) {
                double importDocs = documents / importSeconds;
                out.printf(Locale.ROOT, "(a) import               %,10.0f event documents/s%n", importDocs);
                double raw = rawInsertMany(database.getCollection("bench_raw_many"), documents);
                out.printf(Locale.ROOT, "(b) raw insertMany (100) %,10.0f documents/s (%,d documents)%n", raw, documents);
                out.printf(Locale.ROOT, "ratio (a)/(b) event documents/s   %.3f%n", importDocs / raw);
            }
            if (repeat) {
                long againStart = System.nanoTime();
                ImportReport again = imports.runNow(imports.importer().prepare(file, file.getFileName().toString(),
                        BulkImporter.sha256(file), YEAR, dryRun, actor, ImportSource.COMMAND_LINE));
                double againSeconds = seconds(againStart);
                out.printf(Locale.ROOT, "(c) same file again      %,10.0f rows/s  (%,d unchanged, %,d new events)%n",
                        again.counts().rows() / againSeconds, again.counts().unchanged(), engine.head().position() - head);
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static String[] arguments(String[] given, String... fixed) {
        List<String> all = new ArrayList<>(Arrays.asList(fixed));
        all.addAll(Arrays.asList(given));
        return all.toArray(String[]::new);
    }

    private void writeFile(Path file) throws Exception {
        try (ReviewFileWriter writer = format.equals("csv") ? ReviewFileWriter.csv(file) : ReviewFileWriter.xlsx(file)) {
            writer.row(Arrays.stream(Column.values()).map(Column::english).toList());
            String run = UUID.randomUUID().toString().substring(0, 6);
            for (int i = 0; i < rows; i++) {
                String[] deprivations = DEPRIVATIONS[i % DEPRIVATIONS.length];
                long income = 600_000L + 150_000L * (i % 17);
                writer.row(Arrays.asList("B" + run + "-" + i, COMMUNES[i % COMMUNES.length], "Buon " + (i % 40),
                        i % 9 == 0 ? "URBAN" : "RURAL", "Head of household " + i, i % 3 == 0 ? "Kinh" : "M'nong",
                        i % 3 == 0 ? "no" : "yes", 1 + i % 8, YEAR, "PERIODIC", "2024-10-" + (10 + i % 20), income,
                        i % 4 == 0 ? "OTHER" : "FARMING_FORESTRY_FISHERY_SALT", String.join(";", deprivations),
                        "QD-" + (100 + i % 8) + "/2024/UBND", "2024-12-14"));
            }
        }
    }

    private static double rawInsertMany(MongoCollection<Document> collection, long documents) {
        long start = System.nanoTime();
        List<Document> batch = new ArrayList<>(100);
        for (long i = 1; i <= documents; i++) {
            batch.add(eventShaped(i));
            if (batch.size() == 100 || i == documents) {
                collection.insertMany(batch);
                batch = new ArrayList<>(100);
            }
        }
        return documents / seconds(start);
    }

    /** A document of the ledger's shape: one commit holding one assessment event. */
    private static Document eventShaped(long i) {
        String payload = "{\"householdId\":\"R-" + i + "\",\"reviewYear\":2024,\"reviewKind\":\"PERIODIC\","
                + "\"surveyDate\":\"2024-10-01\",\"area\":\"RURAL\",\"incomePerCapitaMonthly\":1200000,"
                + "\"livelihood\":\"OTHER\",\"deprivations\":[\"DOMESTIC_WATER\",\"NUTRITION\"],"
                + "\"decisionRef\":\"QD-1\",\"effectiveDate\":\"2024-12-14\",\"status\":\"NEAR_POOR\"}";
        Document event = new Document("pos", i).append("id", UUID.randomUUID().toString())
                .append("aggType", "Household").append("aggId", "R-" + i).append("seq", 0L)
                .append("type", "org.povertyledger.shared.household.event.AssessmentRecordedEvent")
                .append("ts", java.time.Instant.now().toString()).append("payload", payload)
                .append("meta", "{\"actorId\":\"bench\",\"actorRole\":\"OFFICER\",\"idempotencyKey\":\"import/R-" + i + "\"}")
                .append("hash", "0".repeat(64));
        return new Document("_id", i).append("last", i).append("n", 1)
                .append("streamKeys", List.of("R-" + i + "#0")).append("requestKey", "bench/import/R-" + i)
                .append("events", List.of(event));
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }
}
