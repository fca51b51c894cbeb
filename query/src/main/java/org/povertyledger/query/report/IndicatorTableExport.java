package org.povertyledger.query.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.povertyledger.shared.indicator.query.IndicatorTableRow;
import org.povertyledger.shared.indicator.query.IndicatorTableView;
import org.povertyledger.shared.indicator.query.TargetProgress;

/**
 * An indicator table as CSV (RFC 4180, UTF-8, one header line) or XLSX (one sheet per indicator, numbers as
 * numbers). Both carry the log position and recorded time the figures reflect, so a file can be regenerated
 * byte-for-byte in content from the same position.
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

    /** The tables as an XLSX workbook, one sheet per table. */
    public static byte[] xlsx(List<IndicatorTableView> tables) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
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
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
