package org.povertyledger.command.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.importing.value.ImportFormat;

/**
 * An uploaded CSV or XLSX file, checked before any row is imported: its kind is told by its bytes (not its
 * name), the whole file is read once to find the header and count the rows, and anything unreadable is
 * refused as a whole with a 400 before a single row is written. Rows are then read again, streaming, by
 * {@link #readRows(RowConsumer)}: memory does not grow with the file.
 */
public abstract class SpreadsheetFile {

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
    private static final int SNIFF_BYTES = 64 * 1024;

    private final Path path;
    private List<String> header = List.of();
    private long headerRow;
    private long dataRows;

    SpreadsheetFile(Path path) {
        this.path = path;
    }

    /**
     * Opens and checks a file.
     *
     * @param fileName the name the user gave the file; only used to word a refusal
     * @throws ImportFileException when the file is empty, not CSV or XLSX, corrupt, or has no header row
     */
    public static SpreadsheetFile open(Path path, String fileName) {
        return open(path, fileName, Long.MAX_VALUE);
    }

    /**
     * Opens and checks a file of at most {@code maxRows} data rows; reading stops at the first row over the limit.
     *
     * @throws ImportFileException as {@link #open(Path, String)}, and with {@code IMPORT_TOO_LARGE} for a file of
     *         more rows
     */
    public static SpreadsheetFile open(Path path, String fileName, long maxRows) {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(SNIFF_BYTES);
            size = Files.size(path);
        } catch (IOException e) {
            throw new ImportFileException(ErrorCode.IMPORT_FILE_CORRUPT, "readable", "the file cannot be read");
        }
        if (size == 0) {
            throw new ImportFileException(ErrorCode.IMPORT_FILE_UNSUPPORTED, "not-empty", "the file is empty");
        }
        String lowerName = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        SpreadsheetFile file;
        if (startsWith(head, ZIP)) {
            file = new XlsxFile(path);
        } else if (startsWith(head, OLE2)) {
            throw new ImportFileException(ErrorCode.IMPORT_FILE_UNSUPPORTED, "csv-or-xlsx",
                    "this is a legacy .xls or a password-protected workbook; save it as .xlsx (unprotected) or as CSV UTF-8",
                    Map.of("allowed", List.of("CSV (UTF-8)", "XLSX")));
        } else if (lowerName.endsWith(".xlsx") || lowerName.endsWith(".xlsm")) {
            throw new ImportFileException(ErrorCode.IMPORT_FILE_CORRUPT, "xlsx-readable",
                    "the file is named " + fileName + " but is not an XLSX package (it is not a ZIP archive)");
        } else if (isUtf8Text(head, size <= SNIFF_BYTES)) {
            file = new CsvFile(path);
        } else {
            throw new ImportFileException(ErrorCode.IMPORT_FILE_UNSUPPORTED, "csv-or-xlsx",
                    "the file is neither CSV (UTF-8 text) nor XLSX", Map.of("allowed", List.of("CSV (UTF-8)", "XLSX")));
        }
        file.scan(maxRows);
        return file;
    }

    /** CSV or XLSX. */
    public abstract ImportFormat format();

    /** The header row's texts by column position (blank where a header cell is empty). */
    public List<String> header() {
        return header;
    }

    /** The header's row number. */
    public long headerRow() {
        return headerRow;
    }

    /** Non-blank rows after the header. */
    public long dataRows() {
        return dataRows;
    }

    Path path() {
        return path;
    }

    /**
     * Streams every non-blank row after the header, in file order.
     *
     * @throws ImportFileException if the file became unreadable since it was opened
     */
    public void readRows(RowConsumer consumer) throws InterruptedException {
        boolean[] headerSeen = {false};
        read((rowNumber, cells) -> {
            if (isBlank(cells)) {
                return;
            }
            if (!headerSeen[0]) {
                headerSeen[0] = true;
                return;
            }
            consumer.accept(rowNumber, cells);
        });
    }

    /** Reads every row of the file (blank ones included) in order. */
    abstract void read(RowConsumer consumer) throws InterruptedException;

    private void scan(long maxRows) {
        List<String> found = new ArrayList<>();
        long[] counts = {0, 0};
        try {
            read((rowNumber, cells) -> {
                if (isBlank(cells)) {
                    return;
                }
                if (counts[0] == 0) {
                    counts[0] = rowNumber;
                    for (Cell cell : cells) {
                        found.add(cell == null ? "" : cell.text().strip());
                    }
                    return;
                }
                if (++counts[1] > maxRows) {
                    throw new ImportFileException(ErrorCode.IMPORT_TOO_LARGE, "max-rows:" + maxRows,
                            "the file has more than " + maxRows + " data rows; split it into several imports",
                            Map.of("maxRows", maxRows));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportFileException(ErrorCode.IMPORT_FILE_CORRUPT, "readable", "reading the file was interrupted");
        }
        if (counts[0] == 0) {
            throw new ImportFileException(ErrorCode.IMPORT_COLUMNS_INVALID, "header-row",
                    "the file has no header row (it holds no non-blank row)");
        }
        header = List.copyOf(found);
        headerRow = counts[0];
        dataRows = counts[1];
    }

    static boolean isBlank(List<Cell> cells) {
        for (Cell cell : cells) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 without control characters other than tab, CR, LF and form feed. */
    private static boolean isUtf8Text(byte[] head, boolean whole) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(head.length + 1);
        CoderResult result = decoder.decode(ByteBuffer.wrap(head), chars, whole);
        if (result.isError()) {
            return false;
        }
        chars.flip();
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') {
                return false;
            }
        }
        return true;
    }
}
