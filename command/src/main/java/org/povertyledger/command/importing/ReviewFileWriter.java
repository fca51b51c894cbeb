package org.povertyledger.command.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes review rows as CSV (UTF-8) or XLSX, streaming: the benchmark's and the tests' files, and a way to
 * produce a file in the documented layout from another system. Numbers are written as numbers, everything
 * else as text; nothing is written as a formula.
 */
public final class ReviewFileWriter implements AutoCloseable {

    private final CSVPrinter csv;
    private final SXSSFWorkbook workbook;
    private final Sheet sheet;
    private final Path target;
    private int rows;

    private ReviewFileWriter(CSVPrinter csv, SXSSFWorkbook workbook, Path target) {
        this.csv = csv;
        this.workbook = workbook;
        this.sheet = workbook == null ? null : workbook.createSheet("Households");
        this.target = target;
    }

    public static ReviewFileWriter csv(Path file) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new ReviewFileWriter(new CSVPrinter(writer, CSVFormat.DEFAULT), null, file);
    }

    public static ReviewFileWriter xlsx(Path file) {
        return new ReviewFileWriter(null, new SXSSFWorkbook(200), file);
    }

    /** Writes one row; {@code Number}s become numeric cells in XLSX, {@code null} an empty cell. */
    public void row(List<?> values) throws IOException {
        if (csv != null) {
            csv.printRecord(values.stream().map(v -> v == null ? "" : v.toString()).toList());
            return;
        }
        Row row = sheet.createRow(rows++);
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof Number number) {
                row.createCell(i).setCellValue(number.doubleValue());
            } else if (value != null) {
                row.createCell(i).setCellValue(value.toString());
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
            return;
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            workbook.write(out);
        } finally {
            workbook.close();
        }
    }
}
