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

    @Test
    void refusesAZipBombWithoutInflatingIt() throws Exception {
        // 64 MB of one repeated row inflate from about 100 KB: far below POI's minimum inflate ratio of 1%.
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            row.append("<c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c>");
        }
        Path bomb = withSheet("bomb.xlsx", out -> {
            out.write(("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<sheetData>").getBytes(StandardCharsets.UTF_8));
            byte[] bytes = ("<row>" + row + "</row>").getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < 64L * 1024 * 1024; written += bytes.length) {
                out.write(bytes);
            }
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(Files.size(bomb)).isLessThan(2L * 1024 * 1024);

        assertThatThrownBy(() -> SpreadsheetFile.open(bomb, "bomb.xlsx"))
                .isInstanceOfSatisfying(ImportFileException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IMPORT_TOO_LARGE);
                    assertThat(e.rule()).isEqualTo("xlsx-inflation");
                });
    }

    @Test
    void neverResolvesAnExternalEntityInASheet() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        Path xxe = withSheet("xxe.xlsx", out -> out.write(("<?xml version=\"1.0\"?>"
                + "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>household_id</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
                + "</sheetData></worksheet>").getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> SpreadsheetFile.open(xxe, "xxe.xlsx"))
                .isInstanceOfSatisfying(ImportFileException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IMPORT_FILE_CORRUPT);
                    assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
                });
    }

    @Test
    void refusesAFileWithMoreRowsThanTheLimit() throws Exception {
        Path csv = dir.resolve("long.csv");
        StringBuilder text = new StringBuilder("household_id,members\n");
        for (int i = 0; i < 11; i++) {
            text.append("HH-").append(i).append(",4\n");
        }
        Files.writeString(csv, text);

        assertThat(SpreadsheetFile.open(csv, "long.csv", 11).dataRows()).isEqualTo(11);
        assertThatThrownBy(() -> SpreadsheetFile.open(csv, "long.csv", 10))
                .isInstanceOfSatisfying(ImportFileException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IMPORT_TOO_LARGE);
                    assertThat(e.rule()).isEqualTo("max-rows:10");
                });
    }

    /** A valid workbook whose first sheet's XML is replaced by what {@code sheet} writes. */
    private Path withSheet(String name, SheetWriter sheet) throws Exception {
        Path base = dir.resolve("base-" + name);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(base)) {
            workbook.createSheet("Households").createRow(0).createCell(0).setCellValue("household_id");
            workbook.write(out);
        }
        Path target = dir.resolve(name);
        try (var in = new java.util.zip.ZipFile(base.toFile());
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(target))) {
            for (var entries = in.entries(); entries.hasMoreElements(); ) {
                var entry = entries.nextElement();
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    sheet.write(out);
                } else {
                    in.getInputStream(entry).transferTo(out);
                }
                out.closeEntry();
            }
        }
        return target;
    }

    private interface SheetWriter {
        void write(OutputStream out) throws java.io.IOException;
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
