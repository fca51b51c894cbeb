package org.povertyledger.command.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.importing.value.ImportFormat;

/**
 * A CSV file in UTF-8 (a byte-order mark is skipped), separated by comma, semicolon or tab: whichever occurs
 * most on the first line. Row numbers are record numbers, the first record being row 1, so they match the
 * line numbers unless a quoted value spans lines. Every value is text; nothing is evaluated.
 */
final class CsvFile extends SpreadsheetFile {

    private char delimiter = ',';

    CsvFile(Path path) {
        super(path);
        this.delimiter = detectDelimiter(path);
    }

    @Override
    public ImportFormat format() {
        return ImportFormat.CSV;
    }

    @Override
    void read(RowConsumer consumer) throws InterruptedException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(true)
                .get();
        try (Reader reader = utf8(path()); CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                List<Cell> cells = new ArrayList<>(record.size());
                for (String value : record) {
                    cells.add(value == null || value.isEmpty() ? null : Cell.text(value));
                }
                consumer.accept(record.getRecordNumber(), cells);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new ImportFileException(ErrorCode.IMPORT_FILE_CORRUPT, "csv-readable",
                    "the CSV file cannot be read: " + rootMessage(e));
        }
    }

    private static Reader utf8(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path));
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static char detectDelimiter(Path path) {
        try (Reader reader = utf8(path)) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = reader.read()) != -1 && c != '\n' && line.length() < 64 * 1024) {
                line.append((char) c);
            }
            int commas = 0;
            int semicolons = 0;
            int tabs = 0;
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (ch == '"') {
                    quoted = !quoted;
                } else if (!quoted) {
                    commas += ch == ',' ? 1 : 0;
                    semicolons += ch == ';' ? 1 : 0;
                    tabs += ch == '\t' ? 1 : 0;
                }
            }
            if (semicolons > commas && semicolons >= tabs) {
                return ';';
            }
            return tabs > commas ? '\t' : ',';
        } catch (IOException e) {
            throw new ImportFileException(ErrorCode.IMPORT_FILE_CORRUPT, "csv-readable",
                    "the CSV file cannot be read: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof java.nio.charset.CharacterCodingException ? "it is not valid UTF-8"
                : String.valueOf(root.getMessage());
    }
}
