package org.povertyledger.shared.importing.event;

import java.time.Instant;

import org.povertyledger.shared.importing.value.ImportCounts;
import org.povertyledger.shared.importing.value.ImportFormat;
import org.povertyledger.shared.importing.value.ImportId;
import org.povertyledger.shared.importing.value.ImportSource;

/**
 * An import wrote rows to the ledger: the file's name and SHA-256, the review year and the counts. The
 * actor is in the event's metadata; the row events carry the import id as their correlation id.
 */
public record ImportRecordedEvent(
        ImportId importId,
        ImportSource source,
        ImportFormat format,
        String fileName,
        String sha256,
        int reviewYear,
        ImportCounts counts,
        Instant startedAt,
        Instant finishedAt) {
}
