package org.povertyledger.shared.importing.command;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.importing.value.ImportCounts;
import org.povertyledger.shared.importing.value.ImportFormat;
import org.povertyledger.shared.importing.value.ImportId;
import org.povertyledger.shared.importing.value.ImportSource;

/**
 * Records a finished import in the ledger: which file (name and SHA-256), for which review year, and what
 * became of its rows. Who ran it travels as the command's metadata, like every actor.
 *
 * @param sha256 lower-case hex SHA-256 of the file's bytes (of the generated command stream for the demo)
 */
public record RecordImportCommand(
        @TargetAggregateIdentifier ImportId importId,
        ImportSource source,
        ImportFormat format,
        String fileName,
        String sha256,
        int reviewYear,
        ImportCounts counts,
        Instant startedAt,
        Instant finishedAt) {

    public RecordImportCommand {
        Require.present("importId", importId);
        Require.present("source", source);
        Require.present("format", format);
        fileName = Require.text("fileName", fileName, 255);
        Require.matches("sha256", sha256, java.util.regex.Pattern.compile("[0-9a-f]{64}"), "64 lower-case hex digits");
        Require.range("reviewYear", reviewYear, 2000, 2100);
        Require.present("counts", counts);
        Require.present("startedAt", startedAt);
        Require.present("finishedAt", finishedAt);
    }
}
