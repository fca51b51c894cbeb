package org.povertyledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.indicator.query.IndicatorTableRow;
import org.povertyledger.shared.indicator.query.IndicatorTableView;

/**
 * The exports carry their position and a digest an auditor can recompute from the file alone, and nothing in them
 * depends on when they were written. The digests are recomputed here as the documentation tells an auditor to,
 * without the export's own helpers.
 */
class ReproducibleExportTest {

    private static final Instant RECORDED = Instant.parse("2025-03-01T08:15:42Z");

    @Test
    void theCsvProvenanceLineNamesThePositionAndTheDigestOfEveryByteAfterIt() throws Exception {
        List<IndicatorTableView> tables = List.of(Dhis2ExportTest.table());
        String file = IndicatorTableExport.csvWithProvenance(tables, 412, RECORDED);
        int end = file.indexOf("\r\n");
        String line = file.substring(0, end);
        String rest = file.substring(end + 2);
        assertThat(line).startsWith("# PovertyLedger indicator table; position=412; recorded-at=2025-03-01T08:15:42Z;"
                + " content-sha256=");
        assertThat(rest).isEqualTo(IndicatorTableExport.csv(tables));
        assertThat(line.substring(line.lastIndexOf('=') + 1)).isEqualTo(sha256Hex(rest.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theXlsxIsTheSameBytesWrittenLaterAndStampedWithThePositionsRecordedTime() throws Exception {
        List<IndicatorTableView> tables = List.of(Dhis2ExportTest.table());
        byte[] first = IndicatorTableExport.xlsx(tables, 412, RECORDED);
        Thread.sleep(2_100); // zip entry times have a resolution of two seconds
        byte[] second = IndicatorTableExport.xlsx(tables, 412, RECORDED);
        assertThat(second).isEqualTo(first);

        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(first))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertThat(entry.getTimeLocal()).as(entry.getName())
                        .isEqualTo(LocalDateTime.ofInstant(RECORDED, ZoneOffset.UTC));
            }
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(first))) {
            POIXMLProperties properties = workbook.getProperties();
            assertThat(properties.getCoreProperties().getCreated().toInstant()).isEqualTo(RECORDED);
            assertThat(properties.getCoreProperties().getModified().toInstant()).isEqualTo(RECORDED);
            POIXMLProperties.CustomProperties custom = properties.getCustomProperties();
            assertThat(custom.getProperty(IndicatorTableExport.POSITION_PROPERTY).getLpwstr()).isEqualTo("412");
            assertThat(custom.getProperty(IndicatorTableExport.RECORDED_AT_PROPERTY).getLpwstr())
                    .isEqualTo("2025-03-01T08:15:42Z");
            assertThat(custom.getProperty(IndicatorTableExport.CONTENT_DIGEST_PROPERTY).getLpwstr())
                    .isEqualTo(auditorsXlsxDigest(first));
        }
    }

    @Test
    void theXlsxDigestCoversTheFiguresButNotTheDocumentProperties() throws Exception {
        IndicatorTableView table = Dhis2ExportTest.table();
        List<IndicatorTableRow> rows = new ArrayList<>(table.rows());
        IndicatorTableRow total = rows.get(0);
        rows.set(0, new IndicatorTableRow(total.rank(), total.unitCode(), total.unitName(), total.level(), total.total(),
                new BigDecimal("25.01"), total.numerator(), total.denominator(), total.progress()));
        IndicatorTableView changed = new IndicatorTableView(table.indicatorCode(), table.indicatorName(),
                table.unitOfMeasure(), table.direction(), table.parentCode(), table.year(), table.mapDate(),
                table.asOf(), rows, table.position(), table.recordedAt());
        String original = auditorsXlsxDigest(IndicatorTableExport.xlsx(List.of(table), 412, RECORDED));
        assertThat(auditorsXlsxDigest(IndicatorTableExport.xlsx(List.of(changed), 412, RECORDED)))
                .as("a changed figure").isNotEqualTo(original);
        assertThat(auditorsXlsxDigest(IndicatorTableExport.xlsx(List.of(table), 413, RECORDED.plusSeconds(60))))
                .as("other document properties, the same sheets").isEqualTo(original);
    }

    @Test
    void theAdxDigestIsTheDocumentsWithTheDigestAttributeLeftEmpty() throws Exception {
        String adx = Dhis2Export.adx(List.of(Dhis2ExportTest.table()), new Dhis2Mapping(null, null, "LAK"), RECORDED,
                412);
        Matcher digest = Pattern.compile("pl:contentSha256=\"([0-9a-f]{64})\"").matcher(adx);
        assertThat(digest.find()).as(adx).isTrue();
        assertThat(adx).contains("pl:position=\"412\"");
        String blanked = adx.replaceFirst("pl:contentSha256=\"[0-9a-f]*\"", "pl:contentSha256=\"\"");
        assertThat(sha256Hex(blanked.getBytes(StandardCharsets.UTF_8))).isEqualTo(digest.group(1));
        assertThat(Dhis2Export.adx(List.of(Dhis2ExportTest.table()), new Dhis2Mapping(null, null, "LAK"), RECORDED,
                412)).isEqualTo(adx);
    }

    /** As the documentation describes it: parts outside docProps/, by name, each as name, NUL, bytes. */
    static String auditorsXlsxDigest(byte[] xlsx) throws Exception {
        java.util.TreeMap<String, byte[]> parts = new java.util.TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.getName().startsWith("docProps/")) {
                    parts.put(entry.getName(), zip.readAllBytes());
                }
            }
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        parts.forEach((name, bytes) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(bytes);
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
