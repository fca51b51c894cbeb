package org.povertyledger.command.importing;

import java.time.Instant;
import java.util.List;

import org.povertyledger.shared.importing.value.ImportCounts;
import org.povertyledger.shared.importing.value.ImportFormat;
import org.povertyledger.shared.importing.value.ImportSource;

/**
 * An import's progress and result: counts, percent done, rows per second, and every rejected row with its
 * row number, column and rule.
 *
 * @param totalRows data rows in the file
 * @param counts rows processed so far by outcome
 * @param percent processed rows as a percentage of {@code totalRows}
 * @param rowsPerSecond processed rows per second since the import started
 * @param recordedPosition log position of the {@code ImportRecordedEvent}; {@code null} for a dry run or an
 *        import that wrote nothing
 */
public record ImportReport(
        String importId,
        ImportJob.State state,
        ImportSource source,
        ImportFormat format,
        String fileName,
        String sha256,
        int reviewYear,
        boolean dryRun,
        String actorId,
        long totalRows,
        ImportCounts counts,
        double percent,
        double rowsPerSecond,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        double elapsedSeconds,
        List<String> ignoredColumns,
        Long recordedPosition,
        String failure,
        List<RowRejection> rejections) {
}
