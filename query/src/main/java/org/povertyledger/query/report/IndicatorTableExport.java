package org.povertyledger.query.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.povertyledger.query.support.ReproducibleBody;
import org.povertyledger.shared.indicator.query.IndicatorTableRow;
import org.povertyledger.shared.indicator.query.IndicatorTableView;
import org.povertyledger.shared.indicator.query.TargetProgress;

/**
 * An indicator table as CSV (RFC 4180, UTF-8, one header line) or XLSX (one sheet per indicator, numbers as
 * numbers). Both carry the log position and recorded time the figures reflect in every row, and nothing that
 * depends on when the file was made: read at the same position, a table gives the same bytes.
 *
 * <p>Provenance inside the file: the CSV may start with one {@code #} comment line (opt-in, since strict CSV
 * readers take it for a record) naming the position, the recorded time and the SHA-256 of every byte after that
 * line; the XLSX carries the same as custom document properties, its digest covering every part of the package
 * outside {@code docProps/} (see {@link #xlsxContentDigest}). The package's zip entry times and its created and
 * modified dates are the recorded time of the position, not the time of the request.
 */
public final class IndicatorTableExport {

    /** The columns of both formats. */
    public static final List<String> COLUMNS = List.of("indicator_code", "indicator_name", "unit_of_measure", "year",
            "unit_code", "unit_name", "level", "total", "rank", "value", "numerator", "denominator", "target_year",
            "target_kind", "target_low", "target_high", "baseline_year", "reference", "achieved", "status",
            "legal_basis", "map_date", "as_of", "position", "recorded_at");

    private IndicatorTableExport() {
    }

    /** The rows of one table, cell by cell, as text ({@code ""} for none). */
    static List<List<Object>> rows(IndicatorTableView table) {
        List<List<Object>> rows = new ArrayList<>();
        for (IndicatorTableRow row : table.rows()) {
            TargetProgress progress = row.progress();
            List<Object> cells = new ArrayList<>();
            cells.add(table.indicatorCode());
            cells.add(table.indicatorName());
            cells.add(table.unitOfMeasure().name());
            cells.add(table.year());
            cells.add(row.unitCode());
            cells.add(row.unitName());
            cells.add(row.level().name());
            cells.add(row.total());
            cells.add(row.rank());
            cells.add(row.value());
            cells.add(row.numerator());
            cells.add(row.denominator());
            cells.add(progress == null ? null : progress.targetYear());
            cells.add(progress == null ? null : progress.target().kind().name());
            cells.add(progress == null ? null : progress.target().low());
            cells.add(progress == null ? null : progress.target().high());
            cells.add(progress == null ? null : progress.target().baselineYear());
            cells.add(progress == null ? null : progress.reference());
            cells.add(progress == null ? null : progress.achieved());
            cells.add(progress == null ? null : progress.status().name());
            cells.add(progress == null ? null : progress.legalBasis());
            cells.add(table.mapDate());
            cells.add(table.asOf());
            cells.add(table.position());
            cells.add(table.recordedAt());
            rows.add(cells);
        }
        return rows;
    }

    /** Custom document properties of the XLSX. */
    public static final String POSITION_PROPERTY = "PovertyLedger.Position";
    public static final String RECORDED_AT_PROPERTY = "PovertyLedger.RecordedAt";
    public static final String CONTENT_DIGEST_PROPERTY = "PovertyLedger.ContentSHA256";

    /** Stands for the content digest while the package is written; replaced by the digest itself. */
    private static final String DIGEST_PLACEHOLDER = "0".repeat(64);
    /** The earliest time a zip entry can carry without an extra field. */
    private static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    /**
     * The tables as CSV preceded by a provenance comment line: {@code # PovertyLedger indicator table;
     * position=P; recorded-at=T; content-sha256=H} where {@code H} is the SHA-256 (hex) of every byte after the
     * line's CRLF, i.e. of the file {@link #csv} writes.
     */
    public static String csvWithProvenance(List<IndicatorTableView> tables, long position, Instant recordedAt) {
        String csv = csv(tables);
        return "# PovertyLedger indicator table; position=" + position + "; recorded-at="
                + (recordedAt == null ? "" : recordedAt.toString()) + "; content-sha256="
                + ReproducibleBody.sha256Hex(csv) + "\r\n" + csv;
    }

    /** The tables as one CSV document with a header line. */
    public static String csv(List<IndicatorTableView> tables) {
        StringBuilder csv = new StringBuilder();
        line(csv, new ArrayList<>(COLUMNS));
        for (IndicatorTableView table : tables) {
            for (List<Object> row : rows(table)) {
                line(csv, row);
            }
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(cells.get(i)));
        }
        csv.append("\r\n");
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString()
                : value instanceof Number || value instanceof Boolean ? value.toString() : CellText.safe(value.toString());
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /**
     * The tables as an XLSX workbook, one sheet per table, stamped with {@code position} and {@code recordedAt}
     * (its custom properties, its created and modified dates, its zip entry times).
     */
    public static byte[] xlsx(List<IndicatorTableView> tables, long position, Instant recordedAt) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Instant stamp = recordedAt == null ? ZIP_EPOCH.toInstant(ZoneOffset.UTC) : recordedAt;
            POIXMLProperties.CoreProperties core = workbook.getProperties().getCoreProperties();
            core.setCreator("PovertyLedger");
            core.setCreated(Optional.of(Date.from(stamp)));
            core.setModified(Optional.of(Date.from(stamp)));
            POIXMLProperties.CustomProperties custom = workbook.getProperties().getCustomProperties();
            custom.addProperty(POSITION_PROPERTY, Long.toString(position));
            custom.addProperty(RECORDED_AT_PROPERTY, recordedAt == null ? "" : recordedAt.toString());
            custom.addProperty(CONTENT_DIGEST_PROPERTY, DIGEST_PLACEHOLDER);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            for (IndicatorTableView table : tables) {
                String name = table.indicatorCode().length() > 31 ? table.indicatorCode().substring(0, 31)
                        : table.indicatorCode();
                Sheet sheet = workbook.getSheet(name) == null ? workbook.createSheet(name)
                        : workbook.createSheet(name.substring(0, Math.min(name.length(), 28)) + "_" + workbook.getNumberOfSheets());
                Row header = sheet.createRow(0);
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Cell cell = header.createCell(c);
                    cell.setCellValue(COLUMNS.get(c));
                    cell.setCellStyle(bold);
                }
                int r = 1;
                for (List<Object> values : rows(table)) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        Object value = values.get(c);
                        if (value == null) {
                            continue;
                        }
                        Cell cell = row.createCell(c);
                        if (value instanceof BigDecimal decimal) {
                            cell.setCellValue(decimal.doubleValue());
                        } else if (value instanceof Number number) {
                            cell.setCellValue(number.doubleValue());
                        } else if (value instanceof Boolean flag) {
                            cell.setCellValue(flag);
                        } else {
                            cell.setCellValue(CellText.safe(value.toString()));
                        }
                    }
                }
                sheet.createFreezePane(0, 1);
            }
            workbook.write(out);
            return normalised(out.toByteArray(), stamp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The digest an XLSX carries in {@value #CONTENT_DIGEST_PROPERTY}: SHA-256 (hex) over, for each part of the
     * package outside {@code docProps/} in ascending order of name, the name in UTF-8, one NUL byte and the part's
     * uncompressed bytes. The sheets, shared strings and styles are covered; the document properties, which hold
     * the digest itself, are not.
     */
    public static String xlsxContentDigest(Map<String, byte[]> parts) {
        MessageDigest digest = ReproducibleBody.digest();
        for (Map.Entry<String, byte[]> part : new TreeMap<>(parts).entrySet()) {
            if (part.getKey().startsWith("docProps/")) {
                continue;
            }
            digest.update(part.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(part.getValue());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The parts of a zip package by name, in the order they are stored. */
    public static Map<String, byte[]> parts(byte[] zip) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                parts.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts;
    }

    /**
     * Writes the package again with every entry stamped at {@code stamp} (UTC, as zip local time) instead of the
     * time of writing, and the content digest in place of its placeholder.
     */
    private static byte[] normalised(byte[] zip, Instant stamp) throws IOException {
        Map<String, byte[]> parts = parts(zip);
        String digest = xlsxContentDigest(parts);
        byte[] custom = parts.get("docProps/custom.xml");
        parts.put("docProps/custom.xml", new String(custom, StandardCharsets.UTF_8)
                .replace(DIGEST_PLACEHOLDER, digest).getBytes(StandardCharsets.UTF_8));
        LocalDateTime time = LocalDateTime.ofInstant(stamp, ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        if (time.isBefore(ZIP_EPOCH)) {
            time = ZIP_EPOCH;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (ZipOutputStream zipped = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                ZipEntry entry = new ZipEntry(part.getKey());
                entry.setTimeLocal(time);
                zipped.putNextEntry(entry);
                zipped.write(part.getValue());
                zipped.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
