package org.povertyledger.command.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.importing.value.ImportFormat;

class SpreadsheetFileTest {

    @TempDir
    Path dir;

    private List<List<Cell>> rows(SpreadsheetFile file) throws InterruptedException {
        List<List<Cell>> rows = new ArrayList<>();
        file.readRows((number, cells) -> rows.add(cells));
        return rows;
    }

    @Test
    void readsUtf8CsvWithByteOrderMarkSemicolonsQuotesAndBlankLines() throws Exception {
        Path csv = dir.resolve("review.csv");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "Mã hộ;Thôn, buôn;Số nhân khẩu\r\nHH-1;\"Buôn Jun; phía đông\";5\r\n\r\nHH-2;Buôn Lê;3\r\n";
        Files.write(csv, concat(bom, text.getBytes(StandardCharsets.UTF_8)));

        SpreadsheetFile file = SpreadsheetFile.open(csv, "review.csv");

        assertThat(file.format()).isEqualTo(ImportFormat.CSV);
        assertThat(file.header()).containsExactly("Mã hộ", "Thôn, buôn", "Số nhân khẩu");
        assertThat(file.dataRows()).isEqualTo(2);
        List<List<Cell>> rows = rows(file);
        assertThat(rows.get(0).get(1).text()).isEqualTo("Buôn Jun; phía đông");
        assertThat(rows.get(1).get(0).text()).isEqualTo("HH-2");
    }

    @Test
    void readsTheFirstSheetOfAnXlsxAndReportsFormulaCellsAsFormulas() throws Exception {
        Path xlsx = dir.resolve("review.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            Sheet sheet = workbook.createSheet("Households");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("household_id");
            header.createCell(1).setCellValue("members");
            header.createCell(2).setCellValue("income_per_capita_monthly");
            Row first = sheet.createRow(1);
            first.createCell(0).setCellValue("HH-1");
            first.createCell(1).setCellValue(5);
            first.createCell(2).setCellFormula("600000*2");
            Row third = sheet.createRow(3);
            third.createCell(0).setCellValue("=not a formula, a string");
            third.createCell(2).setCellValue(true);
            workbook.createSheet("Other").createRow(0).createCell(0).setCellValue("ignored");
            workbook.write(out);
        }

        SpreadsheetFile file = SpreadsheetFile.open(xlsx, "review.xlsx");
        List<Long> numbers = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        file.readRows((number, cells) -> {
            numbers.add(number);
            rows.add(cells);
        });

        assertThat(file.format()).isEqualTo(ImportFormat.XLSX);
        assertThat(file.header()).containsExactly("household_id", "members", "income_per_capita_monthly");
        assertThat(numbers).containsExactly(2L, 4L);
        assertThat(rows.get(0).get(1)).isEqualTo(new Cell("5", Cell.Kind.NUMBER, 5));
        assertThat(rows.get(0).get(2).kind()).isEqualTo(Cell.Kind.FORMULA);
        assertThat(rows.get(1).get(0)).isEqualTo(Cell.text("=not a formula, a string"));
        assertThat(rows.get(1).get(1)).isNull();
        assertThat(rows.get(1).get(2).kind()).isEqualTo(Cell.Kind.BOOLEAN);
    }

    @Test
    void refusesADamagedXlsx() throws Exception {
        Path good = dir.resolve("good.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(good)) {
            workbook.createSheet("Households").createRow(0).createCell(0).setCellValue("household_id");
            workbook.write(out);
        }
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.xlsx");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> SpreadsheetFile.open(truncated, "truncated.xlsx"))
                .isInstanceOfSatisfying(ImportFileException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IMPORT_FILE_CORRUPT));
    }

    @Test
    void refusesFilesThatAreNotSpreadsheets() throws Exception {
        Path png = dir.resolve("photo.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'});
        Path named = dir.resolve("fake.xlsx");
        Files.writeString(named, "household_id\nHH-1\n");
        Path legacy = dir.resolve("old.xls");
        Files.write(legacy, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
        Path zip = dir.resolve("archive.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "household_id,village\nHH-1,Bu\u00f4n\n".getBytes(StandardCharsets.ISO_8859_1));

        assertCode(png, ErrorCode.IMPORT_FILE_UNSUPPORTED);
        assertCode(named, ErrorCode.IMPORT_FILE_CORRUPT);
        assertCode(legacy, ErrorCode.IMPORT_FILE_UNSUPPORTED);
        assertCode(zip, ErrorCode.IMPORT_FILE_UNSUPPORTED);
        assertCode(empty, ErrorCode.IMPORT_FILE_UNSUPPORTED);
        assertCode(latin1, ErrorCode.IMPORT_FILE_UNSUPPORTED);
    }

    private static void assertCode(Path file, ErrorCode code) {
        assertThatThrownBy(() -> SpreadsheetFile.open(file, file.getFileName().toString()))
                .as(file.getFileName().toString())
                .isInstanceOfSatisfying(ImportFileException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
