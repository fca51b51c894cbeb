package org.povertyledger.deploy.bench;

import static org.povertyledger.deploy.bench.BenchSupport.deleteRecursively;
import static org.povertyledger.deploy.bench.BenchSupport.maxHeapMb;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.povertyledger.query.indicator.IndicatorProjection;
import org.povertyledger.query.indicator.IndicatorQueryHandler;
import org.povertyledger.query.support.ReferenceLog;
import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.geography.command.AdministrativeMapId;
import org.povertyledger.shared.geography.event.UnitRegisteredEvent;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitFlag;
import org.povertyledger.shared.geography.value.UnitLevel;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.indicator.event.IndicatorDefinedEvent;
import org.povertyledger.shared.indicator.query.FindIndicatorValueQuery;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Indicator queries against the size of the log. On a fresh embedded store it builds two synthetic provinces of
 * the same shape (10 districts of 20 communes) through the ledger's storage engine: a small one ({@code
 * households/10}) and the full one ({@code households}), each with a registration per household, one periodic
 * assessment per household and review year and 0.5% corrections of the previous year's assessments. Events go
 * through {@code MongoLedgerStorageEngine.appendEvents} in commits of 500 (not through commands: a durable
 * command append costs milliseconds, see {@code bench}); the real {@code indicators} processor then catches up.
 *
 * <p>After each province: the catch-up rate, then p50/p99 latency of indicator value queries (poverty rate and
 * its siblings for a random unit and year; the query handler is called directly, no HTTP) now, {@code asOf} a
 * valid date, {@code asKnownAt} a log position and {@code asKnownAt} a time. At the end the small province is
 * queried again in the large log; the printed ratios are p99 in the large log over p99 in the small one.
 * Run: {@code java -jar povertyledger.jar bench-indicators [--households=200000] [--years=5] [--queries=400]}.
 */
public final class IndicatorBenchmark {

    private static final int DISTRICTS = 10;
    private static final int COMMUNES_PER_DISTRICT = 20;
    private static final int COMMIT = 500;
    private static final int FIRST_YEAR = 2021;
    private static final DerivedMeasure[] MEASURES = {DerivedMeasure.POVERTY_RATE, DerivedMeasure.NEAR_POVERTY_RATE,
            DerivedMeasure.MINORITY_POVERTY_RATE, DerivedMeasure.HOUSEHOLDS_ESCAPED_POVERTY};

    private final int households;
    private final int years;
    private final int queries;
    private final PrintStream out;
    private final SplittableRandom random = new SplittableRandom(42);

    IndicatorBenchmark(int households, int years, int queries, PrintStream out) {
        this.households = households;
        this.years = years;
        this.queries = queries;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        startHeapSampling();
        int households = 200_000;
        int years = 5;
        int queries = 400;
        for (String arg : args) {
            if (arg.startsWith("--households=")) {
                households = Integer.parseInt(arg.substring("--households=".length()));
            } else if (arg.startsWith("--years=")) {
                years = Integer.parseInt(arg.substring("--years=".length()));
            } else if (arg.startsWith("--queries=")) {
                queries = Integer.parseInt(arg.substring("--queries=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + " (use --households=N --years=Y --queries=Q)");
            }
        }
        if (households < 2_000 || years < 2 || years > 20 || queries < 10) {
            throw new IllegalArgumentException("--households >= 2000, --years 2..20, --queries >= 10");
        }
        try {
            new IndicatorBenchmark(households, years, queries, System.out).run();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // The processors' worker threads are not daemons: end the run explicitly.
        System.exit(0);
    }

    /** Latency percentiles of one kind of query, in milliseconds. */
    record Latency(String kind, double p50, double p99) {
    }

    /** Runs every phase and prints the figures. */
    public void run() throws Exception {
        Path dataDir = Files.createTempDirectory("povertyledger-bench-indicators");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                // A servlet context on a free loopback port: the security configuration needs the web stack.
                .web(WebApplicationType.SERVLET)
                // As arguments: they must win over application.yml, which default properties do not.
                .run("--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=", "--server.port=0",
                        "--povertyledger.demo.enabled=false", "--server.address=127.0.0.1", "--logging.level.root=WARN",
                        "--logging.level.org.povertyledger=WARN")) {
            EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
            processing.eventProcessors().values().forEach(EventProcessor::shutDown);
            MongoLedgerStorageEngine engine = context.getBean(MongoLedgerStorageEngine.class);
            IndicatorQueryHandler handler = context.getBean(IndicatorQueryHandler.class);
            ReferenceLog head = new ReferenceLog(context.getBean(com.mongodb.client.MongoDatabase.class),
                    IndicatorProjection.REFERENCE);
            StreamingEventProcessor processor = processing.eventProcessor(IndicatorProjection.PROCESSING_GROUP,
                    StreamingEventProcessor.class).orElseThrow();

            out.printf(Locale.ROOT, "PovertyLedger indicator benchmark: %,d + %,d households, %d review years, "
                            + "%d communes per province, %d queries per kind, %d cores, max heap %d MB%n",
                    households / 10, households, years, DISTRICTS * COMMUNES_PER_DISTRICT, queries,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));

            Feeder feeder = new Feeder(engine);
            feeder.definitions();
            Province small = new Province("91", 1, households / 10);
            Phase first = phase(small, feeder, engine, processor, head, handler);
            Province large = new Province("92", 2, households);
            Phase second = phase(large, feeder, engine, processor, head, handler);
            List<Latency> smallAgain = measure(small, handler, first.firstPosition, engine.head().position(),
                    first.firstTime, second.lastTime);
            print("province 91 again, log at " + String.format(Locale.ROOT, "%,d", engine.head().position())
                    + " events", smallAgain);

            out.println("ratios of p99 latency (goal <= 1.2: flat in log size):");
            for (int i = 0; i < first.latencies.size(); i++) {
                Latency before = first.latencies.get(i);
                out.printf(Locale.ROOT, "  %-20s same province, log %,d -> %,d: %.2f   10x households, log %,d -> %,d: %.2f%n",
                        before.kind(), first.events, engine.head().position(), smallAgain.get(i).p99() / before.p99(),
                        first.events, engine.head().position(), second.latencies.get(i).p99() / before.p99());
            }
            out.printf(Locale.ROOT, "max heap (-Xmx) %d MB; heap in use peaked at %d MB (sampled, uncollected garbage"
                    + " included; goal <= 512), live after the run %d MB%n", maxHeapMb(), peakHeapMb(), usedHeapMb());
            out.printf(Locale.ROOT, "store file %,d MB for %,d events%n",
                    Files.size(dataDir.resolve(EmbeddedMongoServer.STORE_FILE_NAME)) / (1024 * 1024),
                    engine.head().position());
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private record Phase(long events, List<Latency> latencies, long firstPosition, Instant firstTime,
                         Instant lastTime) {
    }

    private Phase phase(Province province, Feeder feeder, MongoLedgerStorageEngine engine,
                        StreamingEventProcessor processor, ReferenceLog head, IndicatorQueryHandler handler)
            throws InterruptedException {
        long from = engine.head().position();
        long start = System.nanoTime();
        feeder.geography(province);
        // asKnownAt queries ask for positions and times after the province's units were registered.
        long firstPosition = engine.head().position();
        Instant firstTime = Instant.now();
        feeder.households(province);
        long appended = engine.head().position() - from;
        double appendSeconds = seconds(start);
        Instant lastTime = Instant.now();
        out.printf(Locale.ROOT, "province %s: %,d households, %,d events appended in %.1f s (%,.0f events/s, "
                        + "commits of %d through appendEvents)%n", province.code, province.households, appended,
                appendSeconds, appended / appendSeconds, COMMIT);

        long target = engine.head().position();
        long catchUpStart = System.nanoTime();
        processor.start();
        while (head.head().position() < target) {
            Thread.sleep(50);
        }
        double catchUpSeconds = seconds(catchUpStart);
        processor.shutDown();
        out.printf(Locale.ROOT, "  indicators projection caught up %,d events in %.1f s: %,.0f events/s%n",
                appended, catchUpSeconds, appended / catchUpSeconds);
        List<Latency> latencies = measure(province, handler, firstPosition, target, firstTime, lastTime);
        print("province " + province.code + ", log at " + String.format(Locale.ROOT, "%,d", target) + " events",
                latencies);
        return new Phase(target, latencies, firstPosition, firstTime, lastTime);
    }

    private List<Latency> measure(Province province, IndicatorQueryHandler handler, long firstPosition, long head,
                                  Instant firstTime, Instant lastTime) {
        List<String> units = province.units();
        Map<String, Supplier<AsKnownAt>> knownAts = new java.util.LinkedHashMap<>();
        knownAts.put("current", () -> AsKnownAt.NOW);
        knownAts.put("asOf", () -> AsKnownAt.NOW);
        knownAts.put("asKnownAt position", () -> new AsKnownAt(firstPosition + random.nextLong(head - firstPosition + 1), null));
        knownAts.put("asKnownAt time", () -> new AsKnownAt(null, firstTime.plusMillis(
                random.nextLong(Math.max(1, Duration.between(firstTime, lastTime).toMillis())))));
        List<Latency> result = new ArrayList<>();
        // Warm up each kind before timing it.
        for (Map.Entry<String, Supplier<AsKnownAt>> kind : knownAts.entrySet()) {
            for (int i = 0; i < 50; i++) {
                handler.handle(query(units, kind.getKey(), kind.getValue().get()));
            }
            double[] millis = new double[queries];
            for (int i = 0; i < queries; i++) {
                FindIndicatorValueQuery query = query(units, kind.getKey(), kind.getValue().get());
                long start = System.nanoTime();
                handler.handle(query);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            result.add(new Latency(kind.getKey(), percentile(millis, 0.50), percentile(millis, 0.99)));
        }
        return result;
    }

    private FindIndicatorValueQuery query(List<String> units, String kind, AsKnownAt knownAt) {
        String unit = units.get(random.nextInt(units.size()));
        int year = FIRST_YEAR + random.nextInt(years);
        LocalDate asOf = kind.equals("asOf") ? LocalDate.of(year, 1 + random.nextInt(12), 1).plusMonths(6) : null;
        return new FindIndicatorValueQuery(MEASURES[random.nextInt(MEASURES.length)].name(), unit, year, asOf,
                knownAt, null);
    }

    private void print(String title, List<Latency> latencies) {
        out.println("  query latency, " + title + ":");
        for (Latency latency : latencies) {
            out.printf(Locale.ROOT, "    %-20s p50 %7.2f ms   p99 %7.2f ms%n", latency.kind(), latency.p50(),
                    latency.p99());
        }
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** A province of 10 districts of 20 communes; the units queried are the province, districts and communes. */
    private final class Province {
        final String code;
        final int number;
        final int households;

        Province(String code, int number, int households) {
            this.code = code;
            this.number = number;
            this.households = households;
        }

        String district(int d) {
            return code + String.format(Locale.ROOT, "%02d", d);
        }

        String commune(int c) {
            return String.format(Locale.ROOT, "%d%04d", number, c);
        }

        List<String> units() {
            List<String> units = new ArrayList<>();
            units.add(code);
            for (int d = 0; d < DISTRICTS; d++) {
                units.add(district(d));
            }
            for (int c = 0; c < DISTRICTS * COMMUNES_PER_DISTRICT; c++) {
                units.add(commune(c));
            }
            return units;
        }
    }

    /** Builds events and appends them in commits. */
    private final class Feeder {
        private final MongoLedgerStorageEngine engine;
        private final List<EventMessage<?>> pending = new ArrayList<>(COMMIT);
        private long mapSequence;
        private final MetaData metaData = MetaData.with(MetadataKeys.ACTOR_ID, "bench")
                .and(MetadataKeys.ACTOR_ROLE, "OFFICER");

        Feeder(MongoLedgerStorageEngine engine) {
            this.engine = engine;
        }

        void definitions() {
            for (DerivedMeasure measure : MEASURES) {
                add(new GenericDomainEventMessage<>("Indicator", measure.name(), 0, new IndicatorDefinedEvent(
                        new IndicatorCode(measure.name()), measure.name(), measure.unitOfMeasure(),
                        measure == DerivedMeasure.HOUSEHOLDS_ESCAPED_POVERTY ? Direction.HIGHER_IS_BETTER
                                : Direction.LOWER_IS_BETTER, IndicatorKind.DERIVED, measure), metaData));
            }
            flush();
        }

        void geography(Province province) {
            LocalDate start = LocalDate.of(2020, 1, 1);
            unit(province.code, UnitLevel.PROVINCE, null, start);
            for (int d = 0; d < DISTRICTS; d++) {
                unit(province.district(d), UnitLevel.DISTRICT, province.code, start);
            }
            int communes = DISTRICTS * COMMUNES_PER_DISTRICT;
            for (int c = 0; c < communes; c++) {
                unit(province.commune(c), UnitLevel.COMMUNE, province.district(c / COMMUNES_PER_DISTRICT), start);
            }
            flush();
        }

        void households(Province province) {
            int communes = DISTRICTS * COMMUNES_PER_DISTRICT;
            int[] sequence = new int[province.households];
            boolean[] minority = new boolean[province.households];
            PovertyStatus[] previous = new PovertyStatus[province.households];
            for (int h = 0; h < province.households; h++) {
                minority[h] = random.nextInt(10) < 7;
                add(new GenericDomainEventMessage<>("Household", id(province, h), sequence[h]++,
                        new HouseholdRegisteredEvent(new HouseholdId(id(province, h)),
                                new CommuneCode(province.commune(h % communes)), "Village", Area.RURAL, "Head",
                                minority[h] ? "M'nong" : "Kinh", minority[h], 4), metaData));
            }
            for (int y = 0; y < years; y++) {
                int year = FIRST_YEAR + y;
                // Households are reviewed commune by commune, as the periodic review runs.
                for (int c = 0; c < communes; c++) {
                    for (int h = c; h < province.households; h += communes) {
                        if (y > 0 && random.nextInt(200) == 0) {
                            add(correction(province, h, year - 1, previous[h], sequence[h]++));
                        }
                        PovertyStatus status = status(y);
                        previous[h] = status;
                        add(new GenericDomainEventMessage<>("Household", id(province, h), sequence[h]++,
                                assessment(province, h, year, status), metaData, assessmentId(province, h, year),
                                Instant.now()));
                    }
                }
            }
            flush();
        }

        private PovertyStatus status(int yearIndex) {
            int roll = random.nextInt(1000);
            int poor = Math.max(40, 300 - 45 * yearIndex);
            return roll < poor ? PovertyStatus.POOR : roll < poor + 100 ? PovertyStatus.NEAR_POOR : PovertyStatus.NOT_POOR;
        }

        private void unit(String code, UnitLevel level, String parent, LocalDate from) {
            add(new GenericDomainEventMessage<>("AdministrativeMap", AdministrativeMapId.VALUE, mapSequence++,
                    new UnitRegisteredEvent(new UnitCode(code), "Unit " + code, level,
                            parent == null ? null : new UnitCode(parent),
                            level == UnitLevel.COMMUNE && random.nextInt(4) == 0
                                    ? java.util.Set.of(UnitFlag.ESPECIALLY_DIFFICULT_COMMUNE) : java.util.Set.of(),
                            from, "QD-" + code), metaData));
        }

        private AssessmentRecordedEvent assessment(Province province, int h, int year, PovertyStatus status) {
            return new AssessmentRecordedEvent(new HouseholdId(id(province, h)), year, ReviewKind.PERIODIC,
                    LocalDate.of(year, 10, 1), Area.RURAL, status == PovertyStatus.NOT_POOR ? 2_600_000 : 1_200_000,
                    Livelihood.OTHER, new TreeSet<>(), "QD-" + year, LocalDate.of(year, 12, 15), "VN-DECREE-07-2021",
                    1, status == PovertyStatus.POOR ? 3 : 0, status);
        }

        private EventMessage<?> correction(Province province, int h, int year, PovertyStatus was, long sequence) {
            String assessmentId = assessmentId(province, h, year);
            PovertyStatus now = was == PovertyStatus.POOR ? PovertyStatus.NEAR_POOR : PovertyStatus.POOR;
            return new GenericDomainEventMessage<>("Household", id(province, h), sequence,
                    new AssessmentCorrectedEvent(new HouseholdId(id(province, h)), assessmentId, assessmentId, year,
                            ReviewKind.PERIODIC, LocalDate.of(year, 10, 1), Area.RURAL, 1_200_000, Livelihood.OTHER,
                            new TreeSet<>(), "QD-FIX", LocalDate.of(year, 12, 15), "VN-DECREE-07-2021", 1, 0, was, now,
                            "survey re-checked"), metaData);
        }

        private String id(Province province, int h) {
            return "B" + province.number + "-" + h;
        }

        private String assessmentId(Province province, int h, int year) {
            return "bench-" + province.number + "-" + h + "-" + year;
        }

        private void add(EventMessage<?> message) {
            pending.add(message);
            if (pending.size() == COMMIT) {
                flush();
            }
        }

        private void flush() {
            if (!pending.isEmpty()) {
                engine.appendEvents(new ArrayList<>(pending));
                pending.clear();
            }
        }
    }
}
