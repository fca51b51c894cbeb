package org.povertyledger.command.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.povertyledger.shared.importing.value.ImportCounts;
import org.povertyledger.shared.importing.value.ImportFormat;
import org.povertyledger.shared.importing.value.ImportSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs imports one at a time in the background and keeps their reports. A running import is answered from
 * memory; a finished one from the {@code imports} collection (summary) and {@code import_rejections} (the
 * rejected rows, 1,000 to a document), so reports outlive a restart. These collections are the importer's
 * own bookkeeping, not the ledger: the import's fact in the ledger is its {@code ImportRecordedEvent}.
 */
public final class ImportService implements AutoCloseable {

    static final int REJECTIONS_PER_DOCUMENT = 1000;
    /**
     * A queued or running import whose progress was not saved for this long has lost the process that ran it.
     * Five missed saves: a wrong guess (a node stalled that long) only makes a retry run rows again, which the
     * ledger answers as already recorded.
     */
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final BulkImporter importer;
    private final MongoCollection<Document> imports;
    private final MongoCollection<Document> rejections;
    private final MongoCollection<Document> requests;
    private final Map<String, ImportJob> live = new ConcurrentHashMap<>();
    private final AtomicReference<ImportCounts> finishedRows = new AtomicReference<>(new ImportCounts(0, 0, 0, 0));
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "import-runner");
        thread.setDaemon(true);
        return thread;
    });
    /** Saves running imports' counts now and then, so other nodes (and a restart) see how far they got. */
    private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "import-progress");
        thread.setDaemon(true);
        return thread;
    });

    public ImportService(BulkImporter importer, MongoDatabase database) {
        this.importer = importer;
        this.imports = database.getCollection("imports");
        this.rejections = database.getCollection("import_rejections");
        this.requests = database.getCollection("import_requests");
        progress.scheduleWithFixedDelay(this::saveProgress, 2, 2, TimeUnit.SECONDS);
    }

    private void saveProgress() {
        for (ImportJob job : live.values()) {
            try {
                ImportReport report = job.report();
                if (report.state() == ImportJob.State.RUNNING) {
                    // Never over a finished report: the runner may have saved it in the meantime.
                    imports.replaceOne(Filters.and(Filters.eq("_id", report.importId()),
                                    Filters.in("state", ImportJob.State.QUEUED.name(), ImportJob.State.RUNNING.name())),
                            ImportDocuments.summary(report, 0));
                }
            } catch (RuntimeException e) {
                log.debug("progress of import {} not saved", job.id(), e);
            }
        }
    }

    /**
     * Rows this node has handled since it started, over finished and running imports (for the rows/s metric): a
     * job's counts are read while it is live, and added to a running total in the same step that retires it.
     */
    public ImportCounts rowsHandled() {
        synchronized (finishedRows) {
            ImportCounts total = finishedRows.get();
            for (ImportJob job : live.values()) {
                total = plus(total, job.counts());
            }
            return total;
        }
    }

    private static ImportCounts plus(ImportCounts a, ImportCounts b) {
        return new ImportCounts(a.rows() + b.rows(), a.accepted() + b.accepted(), a.rejected() + b.rejected(),
                a.unchanged() + b.unchanged());
    }

    public BulkImporter importer() {
        return importer;
    }

    /** Queues a prepared import; the file is deleted when it has run. Returns its report as queued. */
    public ImportReport submit(BulkImporter.PreparedImport prepared, Path fileToDelete) {
        ImportJob job = prepared.job();
        live.put(job.id().value(), job);
        save(job.report());
        runner.submit(() -> {
            try {
                importer.run(prepared);
            } catch (RuntimeException e) {
                log.error("import {} failed", job.id(), e);
                job.failed("the import stopped: " + e.getMessage());
            } finally {
                finish(job);
                delete(fileToDelete);
            }
        });
        return job.report();
    }

    /** Runs a prepared import in the calling thread (the command line) and keeps its report. */
    public ImportReport runNow(BulkImporter.PreparedImport prepared) {
        ImportJob job = prepared.job();
        live.put(job.id().value(), job);
        try {
            importer.run(prepared);
        } finally {
            finish(job);
        }
        return job.report();
    }

    private void finish(ImportJob job) {
        try {
            save(job.report());
        } catch (RuntimeException e) {
            log.error("report of import {} could not be saved", job.id(), e);
            return;
        }
        synchronized (finishedRows) {
            finishedRows.accumulateAndGet(job.counts(), ImportService::plus);
            live.remove(job.id().value());
        }
    }

    /**
     * The import's report with rejections {@code offset} to {@code offset + limit} (by row).
     */
    public Optional<ImportReport> find(String importId, int offset, int limit) {
        ImportJob job = live.get(importId);
        if (job != null) {
            ImportReport report = job.report();
            return Optional.of(slice(report, report.rejections(), offset, limit));
        }
        Document summary = imports.find(Filters.eq("_id", importId)).first();
        if (summary == null) {
            return Optional.empty();
        }
        List<RowRejection> page = new ArrayList<>();
        long total = summary.get("rejected", Number.class).longValue();
        int chunks = summary.getInteger("rejectionDocuments", 0);
        int first = offset / REJECTIONS_PER_DOCUMENT;
        int last = (int) Math.min(chunks - 1L, ((long) offset + limit - 1) / REJECTIONS_PER_DOCUMENT);
        List<String> ids = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            ids.add(importId + "/" + i);
        }
        List<RowRejection> loaded = new ArrayList<>();
        if (!ids.isEmpty() && limit > 0 && offset < total) {
            Map<String, Document> byId = new java.util.HashMap<>();
            rejections.find(Filters.in("_id", ids)).forEach(d -> byId.put(d.getString("_id"), d));
            for (String id : ids) {
                Document chunk = byId.get(id);
                if (chunk != null) {
                    chunk.getList("rejections", Document.class).forEach(r -> loaded.add(ImportDocuments.rejection(r)));
                }
            }
        }
        int skip = offset - first * REJECTIONS_PER_DOCUMENT;
        for (int i = Math.max(0, skip); i < loaded.size() && page.size() < limit; i++) {
            page.add(loaded.get(i));
        }
        ImportReport report = ImportDocuments.report(summary, page);
        return Optional.of(report);
    }

    private static ImportReport slice(ImportReport report, List<RowRejection> all, int offset, int limit) {
        int from = Math.min(all.size(), Math.max(0, offset));
        int to = (int) Math.min(all.size(), (long) from + Math.max(0, limit));
        return new ImportReport(report.importId(), report.state(), report.source(), report.format(), report.fileName(),
                report.sha256(), report.reviewYear(), report.dryRun(), report.actorId(), report.totalRows(),
                report.counts(), report.percent(), report.rowsPerSecond(), report.createdAt(), report.startedAt(),
                report.finishedAt(), report.elapsedSeconds(), report.ignoredColumns(), report.recordedPosition(),
                report.failure(), List.copyOf(all.subList(from, to)));
    }

    private void save(ImportReport report) {
        List<RowRejection> all = report.rejections();
        int documents = (all.size() + REJECTIONS_PER_DOCUMENT - 1) / REJECTIONS_PER_DOCUMENT;
        if (report.state() == ImportJob.State.COMPLETED || report.state() == ImportJob.State.FAILED) {
            List<Document> chunks = new ArrayList<>();
            for (int i = 0; i < documents; i++) {
                List<Document> part = all.subList(i * REJECTIONS_PER_DOCUMENT,
                        Math.min(all.size(), (i + 1) * REJECTIONS_PER_DOCUMENT)).stream()
                        .map(ImportDocuments::rejection).toList();
                chunks.add(new Document("_id", report.importId() + "/" + i).append("rejections", part));
            }
            for (Document chunk : chunks) {
                rejections.replaceOne(Filters.eq("_id", chunk.getString("_id")), chunk, new ReplaceOptions().upsert(true));
            }
        }
        imports.replaceOne(Filters.eq("_id", report.importId()), ImportDocuments.summary(report, documents),
                new ReplaceOptions().upsert(true));
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}", file);
        }
    }

    // ---------------------------------------------------------------------------------------------- request keys

    /** What an earlier upload under the same user and Idempotency-Key was. */
    public record RequestRecord(String importId, String sha256, int reviewYear, boolean dryRun) {
    }

    /** The earlier upload under this user and key, if there was one. */
    public Optional<RequestRecord> request(String actorId, String key) {
        Document found = requests.find(Filters.eq("_id", actorId + "/" + key)).first();
        return Optional.ofNullable(found).map(d -> new RequestRecord(d.getString("importId"), d.getString("sha256"),
                d.getInteger("reviewYear"), d.getBoolean("dryRun")));
    }

    /**
     * Whether the import was cut off by a stop of the service that ran it: not running in this process, and its
     * progress (saved every 2 s while it runs) not saved for {@link #STALE_AFTER}. Its report reads FAILED.
     */
    public boolean abandoned(String importId) {
        if (live.containsKey(importId)) {
            return false;
        }
        Document summary = imports.find(Filters.eq("_id", importId)).first();
        return summary != null && ImportDocuments.abandoned(summary);
    }

    /**
     * Hands the user's key over from an abandoned import to {@code record}'s new one, so that a retry of an upload
     * the service did not finish runs the file again (rows already in the ledger count as unchanged). Returns the
     * record that holds the key afterwards: another retry may have taken it over first.
     */
    public RequestRecord reclaim(String actorId, String key, String abandonedImportId, RequestRecord record) {
        requests.updateOne(Filters.and(Filters.eq("_id", actorId + "/" + key),
                        Filters.eq("importId", abandonedImportId)),
                new Document("$set", new Document("importId", record.importId()).append("at", new Date())
                        .append("resumes", abandonedImportId)));
        return request(actorId, key).orElseThrow();
    }

    /**
     * Claims the user's key for an upload; returns the earlier record when the key was claimed first by
     * another request.
     */
    public Optional<RequestRecord> claim(String actorId, String key, RequestRecord record) {
        try {
            requests.insertOne(new Document("_id", actorId + "/" + key).append("importId", record.importId())
                    .append("sha256", record.sha256()).append("reviewYear", record.reviewYear())
                    .append("dryRun", record.dryRun()).append("at", new Date()));
            return Optional.empty();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return request(actorId, key);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        progress.shutdownNow();
        runner.shutdownNow();
    }

    /** The BSON forms of reports and rejections. */
    static final class ImportDocuments {

        private ImportDocuments() {
        }

        static Document summary(ImportReport r, int rejectionDocuments) {
            return new Document("_id", r.importId())
                    .append("state", r.state().name())
                    .append("source", r.source().name())
                    .append("format", r.format().name())
                    .append("fileName", r.fileName())
                    .append("sha256", r.sha256())
                    .append("reviewYear", r.reviewYear())
                    .append("dryRun", r.dryRun())
                    .append("actorId", r.actorId())
                    .append("totalRows", r.totalRows())
                    .append("rows", r.counts().rows())
                    .append("accepted", r.counts().accepted())
                    .append("rejected", r.counts().rejected())
                    .append("unchanged", r.counts().unchanged())
                    .append("percent", r.percent())
                    .append("rowsPerSecond", r.rowsPerSecond())
                    .append("createdAt", text(r.createdAt()))
                    .append("startedAt", text(r.startedAt()))
                    .append("finishedAt", text(r.finishedAt()))
                    .append("elapsedSeconds", r.elapsedSeconds())
                    .append("ignoredColumns", r.ignoredColumns())
                    .append("recordedPosition", r.recordedPosition())
                    .append("failure", r.failure())
                    .append("rejectionDocuments", rejectionDocuments)
                    .append("savedAt", Instant.now().toString());
        }

        /** Queued or running by its last save, but not saved lately: the service stopped while it ran. */
        static boolean abandoned(Document d) {
            ImportJob.State state = ImportJob.State.valueOf(d.getString("state"));
            Instant saved = instant(d, "savedAt");
            boolean recent = saved != null && saved.isAfter(Instant.now().minus(STALE_AFTER));
            return (state == ImportJob.State.QUEUED || state == ImportJob.State.RUNNING) && !recent;
        }

        static ImportReport report(Document d, List<RowRejection> rejections) {
            ImportJob.State state = ImportJob.State.valueOf(d.getString("state"));
            String failure = d.getString("failure");
            if (abandoned(d)) {
                // Not running in this process and not saved lately: the service stopped while it ran.
                state = ImportJob.State.FAILED;
                failure = "the service stopped while the import ran; upload the file again (with the same "
                        + "Idempotency-Key it runs again; rows already written count as unchanged)";
            }
            Number position = d.get("recordedPosition", Number.class);
            return new ImportReport(d.getString("_id"), state, ImportSource.valueOf(d.getString("source")),
                    ImportFormat.valueOf(d.getString("format")), d.getString("fileName"), d.getString("sha256"),
                    d.getInteger("reviewYear"), d.getBoolean("dryRun"), d.getString("actorId"),
                    number(d, "totalRows"),
                    new ImportCounts(number(d, "rows"), number(d, "accepted"), number(d, "rejected"), number(d, "unchanged")),
                    d.get("percent", Number.class).doubleValue(), d.get("rowsPerSecond", Number.class).doubleValue(),
                    instant(d, "createdAt"), instant(d, "startedAt"), instant(d, "finishedAt"),
                    d.get("elapsedSeconds", Number.class).doubleValue(), d.getList("ignoredColumns", String.class),
                    position == null ? null : position.longValue(), failure, rejections);
        }

        static Document rejection(RowRejection r) {
            return new Document("row", r.row()).append("householdId", r.householdId())
                    .append("problems", r.problems().stream().map(p -> new Document("column", p.column())
                            .append("header", p.header()).append("cell", p.cell()).append("rule", p.rule())
                            .append("message", p.message())).toList());
        }

        static RowRejection rejection(Document d) {
            return new RowRejection(number(d, "row"), d.getString("householdId"),
                    d.getList("problems", Document.class).stream().map(p -> new RowProblem(p.getString("column"),
                            p.getString("header"), p.getString("cell"), p.getString("rule"), p.getString("message")))
                            .toList());
        }

        private static long number(Document d, String key) {
            Number n = d.get(key, Number.class);
            return n == null ? 0 : n.longValue();
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }

        private static Instant instant(Document d, String key) {
            String text = d.getString(key);
            return text == null ? null : Instant.parse(text);
        }
    }
}
