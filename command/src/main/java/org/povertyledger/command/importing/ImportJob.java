package org.povertyledger.command.importing;

import org.povertyledger.shared.access.UnitScope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.povertyledger.shared.importing.value.ImportCounts;
import org.povertyledger.shared.importing.value.ImportFormat;
import org.povertyledger.shared.importing.value.ImportId;
import org.povertyledger.shared.importing.value.ImportSource;

/**
 * One import while it runs: what it reads, for whom, and live counts. Read from any thread; the counts are
 * updated by the lanes as rows finish.
 */
public final class ImportJob {

    /** Where an import is. */
    public enum State {
        QUEUED, RUNNING, COMPLETED, FAILED
    }

    private final ImportId id;
    private final ImportSource source;
    private final ImportFormat format;
    private final String fileName;
    private final String sha256;
    private final int reviewYear;
    private final boolean dryRun;
    private final ImportActor actor;
    private final UnitScope scope;
    private final long totalRows;
    private final List<String> ignoredColumns;
    private final Instant createdAt = Instant.now();

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final ConcurrentLinkedQueue<RowRejection> rejections = new ConcurrentLinkedQueue<>();
    private volatile State state = State.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String failure;
    private volatile Long recordedPosition;

    public ImportJob(ImportId id, ImportSource source, ImportFormat format, String fileName, String sha256,
                     int reviewYear, boolean dryRun, ImportActor actor, long totalRows, List<String> ignoredColumns) {
        this(id, source, format, fileName, sha256, reviewYear, dryRun, actor, totalRows, ignoredColumns,
                UnitScope.nationalScope());
    }

    /** @param scope the units the uploader may write: rows of other communes are rejected */
    public ImportJob(ImportId id, ImportSource source, ImportFormat format, String fileName, String sha256,
                     int reviewYear, boolean dryRun, ImportActor actor, long totalRows, List<String> ignoredColumns,
                     UnitScope scope) {
        this.scope = scope;
        this.id = id;
        this.source = source;
        this.format = format;
        this.fileName = fileName;
        this.sha256 = sha256;
        this.reviewYear = reviewYear;
        this.dryRun = dryRun;
        this.actor = actor;
        this.totalRows = totalRows;
        this.ignoredColumns = List.copyOf(ignoredColumns);
    }

    public ImportId id() {
        return id;
    }

    public ImportSource source() {
        return source;
    }

    public ImportFormat format() {
        return format;
    }

    public String fileName() {
        return fileName;
    }

    public String sha256() {
        return sha256;
    }

    public int reviewYear() {
        return reviewYear;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** The units the uploader may write. */
    public UnitScope scope() {
        return scope;
    }

    public ImportActor actor() {
        return actor;
    }

    public long totalRows() {
        return totalRows;
    }

    public State state() {
        return state;
    }

    void started() {
        startedAt = Instant.now();
        state = State.RUNNING;
    }

    void finished(Long position) {
        recordedPosition = position;
        finishedAt = Instant.now();
        state = State.COMPLETED;
    }

    void failed(String reason) {
        failure = reason;
        finishedAt = Instant.now();
        state = State.FAILED;
    }

    void accepted() {
        accepted.incrementAndGet();
    }

    void unchanged() {
        unchanged.incrementAndGet();
    }

    void rejected(RowRejection rejection) {
        rejections.add(rejection);
        rejected.incrementAndGet();
    }

    /** The counts so far. */
    public ImportCounts counts() {
        long a = accepted.get();
        long r = rejected.get();
        long u = unchanged.get();
        return new ImportCounts(a + r + u, a, r, u);
    }

    Instant startedAt() {
        return startedAt;
    }

    /** A consistent picture of the import now, rejections sorted by row. */
    public ImportReport report() {
        ImportCounts counts = counts();
        Instant start = startedAt;
        Instant end = finishedAt;
        double seconds = start == null ? 0 : Duration.between(start, end == null ? Instant.now() : end).toMillis() / 1000.0;
        double percent = totalRows == 0 ? (state == State.COMPLETED ? 100 : 0)
                : Math.min(100, Math.round(1000.0 * counts.rows() / totalRows) / 10.0);
        double rate = seconds <= 0 ? 0 : Math.round(10.0 * counts.rows() / seconds) / 10.0;
        List<RowRejection> sorted = new ArrayList<>(rejections);
        sorted.sort(Comparator.comparingLong(RowRejection::row));
        return new ImportReport(id.value(), state, source, format, fileName, sha256, reviewYear, dryRun, actor.id(),
                totalRows, counts, percent, rate, createdAt, start, end, seconds, ignoredColumns, recordedPosition,
                failure, sorted);
    }
}
