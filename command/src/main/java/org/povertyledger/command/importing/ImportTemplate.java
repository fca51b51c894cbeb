package org.povertyledger.command.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.povertyledger.shared.rulebook.Rulebook;

/**
 * The XLSX template of the annual review: the data sheet first (bilingual headers, text-formatted identifier
 * columns, drop-down lists for the closed choices), then a guide sheet describing every column and listing
 * the deprivation indicators of the rulebook. Generated, not stored, so it always matches {@link Column}.
 */
public final class ImportTemplate {

    /** Rows of the data sheet that get the drop-down lists and formats. */
    static final int PREPARED_ROWS = 5000;

    private ImportTemplate() {
    }

    /**
     * Writes the template.
     *
     * @param vietnamese whether the drop-down lists offer the Vietnamese labels (both languages are accepted)
     * @param rulebook the rulebook whose deprivation indicators the guide lists
     */
    public static void write(OutputStream out, boolean vietnamese, Rulebook rulebook) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet data = workbook.createSheet(vietnamese ? "Ho gia dinh" : "Households");
            Sheet guide = workbook.createSheet(vietnamese ? "Huong dan" : "Guide");

            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.LIGHT_CORNFLOWER_BLUE.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setWrapText(true);
            DataFormat formats = workbook.createDataFormat();
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(formats.getFormat("@"));
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(formats.getFormat("yyyy-mm-dd"));

            Row headerRow = data.createRow(0);
            Column[] columns = Column.values();
            for (int i = 0; i < columns.length; i++) {
                headerRow.createCell(i).setCellValue(columns[i].templateHeader());
                headerRow.getCell(i).setCellStyle(header);
                data.setColumnWidth(i, 22 * 256);
                switch (columns[i]) {
                    case HOUSEHOLD_ID, COMMUNE_CODE, DECISION_REF -> data.setDefaultColumnStyle(i, text);
                    case SURVEY_DATE, EFFECTIVE_DATE -> data.setDefaultColumnStyle(i, date);
                    default -> {
                    }
                }
            }
            data.createFreezePane(0, 1);

            DataValidationHelper validations = data.getDataValidationHelper();
            list(data, validations, Column.AREA, vietnamese ? new String[] {"Nông thôn", "Thành thị"}
                    : new String[] {"RURAL", "URBAN"}, true);
            list(data, validations, Column.ETHNIC_MINORITY, vietnamese ? new String[] {"Có", "Không"}
                    : new String[] {"yes", "no"}, true);
            list(data, validations, Column.REVIEW_KIND, vietnamese ? new String[] {"Định kỳ", "Thường xuyên"}
                    : new String[] {"PERIODIC", "ON_DEMAND"}, true);
            list(data, validations, Column.LIVELIHOOD, vietnamese ? new String[] {"Nông lâm ngư diêm nghiệp", "Khác"}
                    : new String[] {"FARMING_FORESTRY_FISHERY_SALT", "OTHER"}, true);
            list(data, validations, Column.ETHNICITY, new String[] {"Kinh", "M'nông", "Ê Đê", "Gia Rai", "Tày", "Nùng",
                    "Thái", "Dao", "Mường", "Khác"}, false);
            whole(data, validations, Column.MEMBERS, 1, 50);
            whole(data, validations, Column.INCOME, 0, 1_000_000_000);
            prompt(data, validations, Column.DEPRIVATIONS, "Chỉ số thiếu hụt / deprivations",
                    "Codes separated by ';', e.g. HEALTH_INSURANCE; DOMESTIC_WATER. See the guide sheet.");

            Row guideHeader = guide.createRow(0);
            String[] titles = {"Cột / Column", "Bắt buộc / Required", "Mô tả / Description", "Ví dụ / Example"};
            for (int i = 0; i < titles.length; i++) {
                guideHeader.createCell(i).setCellValue(titles[i]);
                guideHeader.getCell(i).setCellStyle(header);
            }
            int r = 1;
            for (Column column : columns) {
                Row row = guide.createRow(r++);
                row.createCell(0).setCellValue(column.templateHeader());
                row.createCell(1).setCellValue(column.required() ? "Có / yes" : "Không / no");
                row.createCell(2).setCellValue(column.description());
                row.createCell(3).setCellValue(column.example());
            }
            r++;
            Row indicatorsTitle = guide.createRow(r++);
            indicatorsTitle.createCell(0).setCellValue("Chỉ số thiếu hụt / deprivation indicators (" + rulebook.id()
                    + " v" + rulebook.version() + ", " + rulebook.legalBasis() + ")");
            indicatorsTitle.getCell(0).setCellStyle(header);
            Map<String, String> names = Deprivations.vietnameseNames();
            for (String code : new TreeSet<>(rulebook.indicators())) {
                Row row = guide.createRow(r++);
                row.createCell(0).setCellValue(code);
                row.createCell(2).setCellValue(names.getOrDefault(code, ""));
            }
            r++;
            List<String> notes = new ArrayList<>(List.of(
                    "Hàng 1 là tiêu đề; mỗi hàng sau là một hộ. Row 1 holds the headers; each further row is one household.",
                    "Tiêu đề tiếng Việt hoặc tiếng Anh đều được. Vietnamese or English headers are both accepted.",
                    "Không dùng công thức; ô bắt đầu bằng =, +, -, @ bị từ chối. No formulas; cells beginning with =, +, -, @ are refused.",
                    "Tải lên cùng tệp lần nữa không ghi trùng. Uploading the same file again writes nothing twice."));
            for (String note : notes) {
                guide.createRow(r++).createCell(0).setCellValue(note);
            }
            guide.setColumnWidth(0, 48 * 256);
            guide.setColumnWidth(1, 18 * 256);
            guide.setColumnWidth(2, 90 * 256);
            guide.setColumnWidth(3, 40 * 256);
            workbook.write(out);
        }
    }

    private static CellRangeAddressList range(Column column) {
        return new CellRangeAddressList(1, PREPARED_ROWS, column.ordinal(), column.ordinal());
    }

    private static void list(Sheet sheet, DataValidationHelper helper, Column column, String[] values, boolean strict) {
        DataValidationConstraint constraint = helper.createExplicitListConstraint(values);
        DataValidation validation = helper.createValidation(constraint, range(column));
        validation.setSuppressDropDownArrow(true);
        validation.setShowErrorBox(strict);
        if (strict) {
            validation.createErrorBox(column.english(), "Chọn từ danh sách / choose from the list");
        }
        sheet.addValidationData(validation);
    }

    private static void whole(Sheet sheet, DataValidationHelper helper, Column column, int min, int max) {
        DataValidationConstraint constraint = helper.createIntegerConstraint(
                DataValidationConstraint.OperatorType.BETWEEN, Integer.toString(min), Integer.toString(max));
        DataValidation validation = helper.createValidation(constraint, range(column));
        validation.setShowErrorBox(true);
        validation.createErrorBox(column.english(), "Số nguyên từ " + min + " đến " + max + " / whole number "
                + min + "-" + max);
        sheet.addValidationData(validation);
    }

    private static void prompt(Sheet sheet, DataValidationHelper helper, Column column, String title, String text) {
        DataValidationConstraint any = helper.createCustomConstraint("TRUE");
        DataValidation validation = helper.createValidation(any, range(column));
        validation.createPromptBox(title, text);
        validation.setShowPromptBox(true);
        validation.setShowErrorBox(false);
        sheet.addValidationData(validation);
    }
}
