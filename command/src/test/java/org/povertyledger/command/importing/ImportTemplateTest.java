package org.povertyledger.command.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.shared.rulebook.RulebookRegistry;

class ImportTemplateTest {

    @TempDir
    Path dir;

    @Test
    void theTemplatesHeadersAreTheLayoutAndItsClosedChoicesAreDropDownLists() throws Exception {
        Path template = dir.resolve("template.xlsx");
        try (OutputStream out = Files.newOutputStream(template)) {
            ImportTemplate.write(out, true, RulebookRegistry.national().forReviewYear(2025));
        }

        SpreadsheetFile file = SpreadsheetFile.open(template, "template.xlsx");
        ColumnLayout layout = ColumnLayout.of(file.header());
        assertThat(layout.ignored()).isEmpty();
        for (Column column : Column.values()) {
            assertThat(layout.has(column)).as(column.english()).isTrue();
        }
        assertThat(file.dataRows()).isZero();

        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(template))) {
            XSSFSheet data = workbook.getSheetAt(0);
            List<String> lists = new ArrayList<>();
            for (DataValidation validation : data.getDataValidations()) {
                String[] values = validation.getValidationConstraint().getExplicitListValues();
                if (values != null) {
                    lists.add(String.join("|", values));
                }
            }
            assertThat(lists).contains("Nông thôn|Thành thị", "Có|Không", "Định kỳ|Thường xuyên",
                    "Nông lâm ngư diêm nghiệp|Khác");
            assertThat(workbook.getSheetAt(1).getRow(0).getCell(0).getStringCellValue()).contains("Column");
        }
    }

    @Test
    void theTemplatesVietnameseChoicesAreAcceptedByTheParser() throws Exception {
        // What the drop-down lists offer must parse: a filled template row imports.
        List<String> header = java.util.Arrays.stream(Column.values()).map(Column::templateHeader).toList();
        RowParser parser = new RowParser(ColumnLayout.of(header), 2025, RulebookRegistry.national().forReviewYear(2025));
        List<Cell> row = new ArrayList<>();
        for (Column column : Column.values()) {
            row.add(Cell.text(switch (column) {
                case AREA -> "Nông thôn";
                case ETHNIC_MINORITY -> "Có";
                case REVIEW_KIND -> "Định kỳ";
                case LIVELIHOOD -> "Nông lâm ngư diêm nghiệp";
                case REVIEW_YEAR -> "2025";
                // the examples are of a 2024 review; a procedure step must lie in the import's year
                case MEETING_DATE -> "2025-11-20";
                case POSTING_FROM -> "2025-11-25";
                case POSTING_TO -> "2025-11-27";
                default -> column.example();
            }));
        }

        assertThat(parser.parse(2, row)).isInstanceOf(ReviewRow.class);
    }
}
