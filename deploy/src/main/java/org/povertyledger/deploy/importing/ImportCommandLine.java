package org.povertyledger.deploy.importing;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.povertyledger.command.importing.BulkImporter;
import org.povertyledger.command.importing.ImportActor;
import org.povertyledger.command.importing.ImportJob;
import org.povertyledger.command.importing.ImportReport;
import org.povertyledger.command.importing.ImportService;
import org.povertyledger.command.importing.RowProblem;
import org.povertyledger.command.importing.RowRejection;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.importing.value.ImportSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar povertyledger.jar import --file f.xlsx --year 2024 [--dry-run] [--user NAME] [--report r.json]}:
 * the same import as {@code POST /api/imports}, run in this process on the configured store, with a progress
 * bar on the terminal. The service must not be running on the same data directory (the embedded store is
 * opened by one process); to import into a running service, upload the file instead, or point this command at
 * the service's store with {@code --povertyledger.mongodb.uri=...}. Read models catch up when the service
 * next starts.
 *
 * <p>Exit status: 0 all rows accepted or unchanged, 1 some rows rejected, 2 the file or the run failed.
 */
public final class ImportCommandLine {

    private static final int LISTED_REJECTIONS = 50;

    private ImportCommandLine() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Path file = null;
        Integer year = null;
        boolean dryRun = false;
        String user = "cli:" + System.getProperty("user.name", "operator");
        Path reportFile = null;
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--file" -> file = Path.of(value(args, ++i, arg));
                case "--year" -> year = Integer.parseInt(value(args, ++i, arg));
                case "--dry-run" -> dryRun = true;
                case "--user" -> user = value(args, ++i, arg);
                case "--report" -> reportFile = Path.of(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("--") && arg.contains("=")) {
                        springArgs.add(arg);
                    } else {
                        err.println("unknown argument " + arg);
                        return usage(err);
                    }
                }
            }
        }
        if (file == null || year == null) {
            return usage(err);
        }
        if (!Files.isRegularFile(file)) {
            err.println("no such file: " + file);
            return 2;
        }
        springArgs.add("--povertyledger.demo.enabled=false");
        springArgs.add("--logging.level.root=WARN");
        ConfigurableApplicationContext started;
        try {
            started = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            err.println("cannot start on the store (is the service running on the same data directory? upload the"
                    + " file to POST /api/imports instead): " + rootMessage(e));
            return 2;
        }
        try (ConfigurableApplicationContext context = started) {
            // The import has the processors' share of the machine; read models catch up on the next start.
            context.getBean(EventProcessingConfiguration.class).eventProcessors().values().forEach(EventProcessor::shutDown);
            ImportService imports = context.getBean(ImportService.class);
            BulkImporter.PreparedImport prepared;
            try {
                prepared = imports.importer().prepare(file, file.getFileName().toString(), BulkImporter.sha256(file),
                        year, dryRun, new ImportActor(user, "ADMIN"), ImportSource.COMMAND_LINE);
            } catch (DomainException e) {
                err.println("refused: " + e.getMessage() + " [" + e.code() + ", " + e.rule() + "]");
                e.details().forEach((k, v) -> err.println("  " + k + ": " + v));
                return 2;
            }
            ImportJob job = prepared.job();
            out.printf(Locale.ROOT, "%s %s: %,d rows of %s (%s), review year %d, SHA-256 %s%n",
                    dryRun ? "Dry run" : "Import", job.id(), job.totalRows(), file.getFileName(), job.format(), year,
                    job.sha256());
            ProgressBar bar = new ProgressBar(job, err);
            bar.start();
            ImportReport report;
            try {
                report = imports.runNow(prepared);
            } finally {
                bar.stop();
            }
            print(report, out);
            if (reportFile != null) {
                new ObjectMapper().registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValue(reportFile.toFile(), report);
                out.println("Full report: " + reportFile);
            }
            if (report.state() != ImportJob.State.COMPLETED) {
                return 2;
            }
            return report.counts().rejected() > 0 ? 1 : 0;
        }
    }

    private static void print(ImportReport report, PrintStream out) {
        out.printf(Locale.ROOT, "%s in %.1f s (%,.0f rows/s): %,d rows, %,d accepted, %,d unchanged, %,d rejected%s%n",
                report.state(), report.elapsedSeconds(), report.rowsPerSecond(), report.counts().rows(),
                report.counts().accepted(), report.counts().unchanged(), report.counts().rejected(),
                report.dryRun() ? " (dry run: nothing written)" : "");
        if (report.failure() != null) {
            out.println("Failure: " + report.failure());
        }
        if (report.recordedPosition() != null) {
            out.println("Recorded as an event at log position " + report.recordedPosition());
        }
        if (!report.ignoredColumns().isEmpty()) {
            out.println("Ignored columns: " + String.join(", ", report.ignoredColumns()));
        }
        int listed = 0;
        for (RowRejection rejection : report.rejections()) {
            if (listed++ == LISTED_REJECTIONS) {
                out.printf(Locale.ROOT, "... and %,d more rejected rows (use --report FILE for all)%n",
                        report.rejections().size() - LISTED_REJECTIONS);
                break;
            }
            for (RowProblem problem : rejection.problems()) {
                out.printf("row %d%s, %s: %s (%s)%n", rejection.row(),
                        rejection.householdId() == null ? "" : " (" + rejection.householdId() + ")",
                        problem.column() == null ? "row" : "column " + problem.column(), problem.message(), problem.rule());
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int usage(PrintStream err) {
        err.println("usage: java -jar povertyledger.jar import --file FILE.xlsx|FILE.csv --year YEAR [--dry-run]"
                + " [--user NAME] [--report REPORT.json] [--povertyledger.data-dir=DIR]");
        return 2;
    }

    /** Redraws one terminal line with the import's progress; prints a line every few seconds when not a terminal. */
    private static final class ProgressBar {
        private static final int WIDTH = 30;
        private final ImportJob job;
        private final PrintStream err;
        private final boolean terminal = System.console() != null;
        private Thread thread;

        ProgressBar(ImportJob job, PrintStream err) {
            this.job = job;
            this.err = err;
        }

        void start() {
            thread = new Thread(() -> {
                long every = terminal ? 200 : 5000;
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(every);
                        draw(false);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "import-progress");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
            draw(true);
        }

        private void draw(boolean last) {
            ImportReport report = job.report();
            int filled = (int) Math.round(WIDTH * report.percent() / 100.0);
            String line = String.format(Locale.ROOT, "[%s%s] %5.1f%% %,d/%,d rows %,.0f rows/s  accepted %,d  unchanged %,d  rejected %,d",
                    "#".repeat(filled), "-".repeat(WIDTH - filled), report.percent(), report.counts().rows(),
                    report.totalRows(), report.rowsPerSecond(), report.counts().accepted(), report.counts().unchanged(),
                    report.counts().rejected());
            if (terminal) {
                err.print("\r" + line + (last ? System.lineSeparator() : ""));
            } else {
                err.println(line);
            }
            err.flush();
        }
    }
}
