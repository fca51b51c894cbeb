package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.importing.Column;
import org.povertyledger.command.importing.ReviewFileWriter;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.shared.importing.event.ImportRecordedEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Drives the bulk import over HTTP on the real application and the embedded store: a 20-row review file with
 * five rows broken in five different ways, as CSV and as XLSX; re-upload, dry run, a file that contradicts the
 * ledger, files that are not spreadsheets, the Idempotency-Key and the template.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportApiEndToEndTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
        registry.add("povertyledger.import.work-dir", () -> dataDir.resolve("uploads").toString());
    }

    private static final List<String> HEADER = Arrays.stream(Column.values()).map(Column::english).toList();

    @LocalServerPort
    int port;

    @Autowired
    MongoLedgerStorageEngine engine;

    @Autowired
    EventStore eventStore;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** One valid row; numbers as numbers so an XLSX gets numeric cells. */
    private static List<Object> row(String householdId, int i) {
        boolean poor = i % 3 == 0;
        return new ArrayList<>(Arrays.asList(householdId, "24612", "Buôn Krang", i % 5 == 0 ? "URBAN" : "RURAL",
                "Y Bhiong Liêng " + i, i % 4 == 0 ? "Kinh" : "M'nông", i % 4 == 0 ? "no" : "yes", 2 + i % 5, 2024,
                "PERIODIC", "2024-10-15", poor ? 900_000 : 2_600_000, "FARMING_FORESTRY_FISHERY_SALT",
                poor ? "HEALTH_INSURANCE; HOUSING_QUALITY; DOMESTIC_WATER" : "TELECOM_USE", "QD-112/2024/UBND",
                "2024-12-14"));
    }

    /** The 20-row file: data rows 3, 7, 11, 15 and 19 (spreadsheet rows 4, 8, 12, 16, 20) broken five ways. */
    private static List<List<Object>> twentyRows(String prefix) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            List<Object> row = row(prefix + "-" + i, i);
            switch (i) {
                case 3 -> row.set(Column.MEMBERS.ordinal(), "three");
                case 7 -> row.set(Column.COMMUNE_CODE.ordinal(), "2461");
                case 11 -> row.set(Column.DEPRIVATIONS.ordinal(), "INFORMATION_ASSETS");
                case 15 -> row.set(Column.HEAD_NAME.ordinal(), "=HYPERLINK(\"http://example.org\",\"Y Mlo\")");
                case 19 -> row.set(Column.SURVEY_DATE.ordinal(), "2024-02-30");
                default -> {
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static final List<Integer> BROKEN = List.of(3, 7, 11, 15, 19);

    private byte[] file(String format, List<String> header, List<List<Object>> rows) throws Exception {
        Path file = Files.createTempFile(dataDir, "review", "." + format);
        try (ReviewFileWriter writer = format.equals("csv") ? ReviewFileWriter.csv(file) : ReviewFileWriter.xlsx(file)) {
            writer.row(header);
            for (List<Object> row : rows) {
                writer.row(row);
            }
        }
        return Files.readAllBytes(file);
    }

    private ApiClient.Response upload(String fileName, byte[] bytes, boolean dryRun) {
        return api.upload("officer", "/api/imports", fileName, bytes,
                Map.of("year", "2024", "dryRun", Boolean.toString(dryRun)), UUID.randomUUID().toString());
    }

    /** Uploads and waits until the import has run; returns its final report. */
    private JsonNode imported(String fileName, byte[] bytes, boolean dryRun) {
        ApiClient.Response accepted = upload(fileName, bytes, dryRun);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).startsWith("/api/imports/imp-");
        return finished(location);
    }

    private JsonNode finished(String location) {
        JsonNode[] report = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ApiClient.Response response = api.get("auditor", location);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("state").asText()).isIn("COMPLETED", "FAILED");
            report[0] = response.json();
        });
        assertThat(report[0].get("state").asText()).as(report[0].toString()).isEqualTo("COMPLETED");
        return report[0];
    }

    private List<DomainEventMessage<?>> events(String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0L);
        stream.forEachRemaining(events::add);
        return events;
    }

    private static void assertCounts(JsonNode report, int rows, int accepted, int rejected, int unchanged) {
        JsonNode counts = report.get("counts");
        assertThat(List.of(counts.get("rows").asInt(), counts.get("accepted").asInt(), counts.get("rejected").asInt(),
                counts.get("unchanged").asInt())).as(report.toString()).containsExactly(rows, accepted, rejected, unchanged);
    }

    private void importsFifteenOfTwentyRowsAndWritesNothingTwice(String format) throws Exception {
        String prefix = format.toUpperCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        byte[] bytes = file(format, HEADER, twentyRows(prefix));
        long before = engine.head().position();

        JsonNode report = imported("xa-bong-krang-2024." + format, bytes, false);

        assertCounts(report, 20, 15, 5, 0);
        assertThat(report.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(report.get("format").asText()).isEqualTo(format.toUpperCase());
        List<org.assertj.core.groups.Tuple> rejections = new ArrayList<>();
        report.get("rejections").forEach(r -> r.get("problems").forEach(p -> rejections.add(tuple(
                r.get("row").asInt(), r.get("householdId").asText(), p.get("column").asText(), p.get("rule").asText()))));
        assertThat(rejections).containsExactly(
                tuple(4, prefix + "-3", "members", "type:integer"),
                tuple(8, prefix + "-7", "commune_code", "pattern:[0-9]{5}"),
                tuple(12, prefix + "-11", "deprivations", "known-indicator"),
                tuple(16, prefix + "-15", "head_name", "no-formula-prefix"),
                tuple(20, prefix + "-19", "survey_date", "type:date"));

        long written = 0;
        for (int i = 1; i <= 20; i++) {
            List<DomainEventMessage<?>> events = events(prefix + "-" + i);
            if (BROKEN.contains(i)) {
                assertThat(events).as("nothing written for the rejected row of %s-%d", prefix, i).isEmpty();
            } else {
                assertThat(events).as("registered and assessed").hasSizeGreaterThanOrEqualTo(2);
                assertThat(events.get(0).getMetaData()).containsEntry("actorId", "officer")
                        .containsEntry("actorRole", "OFFICER")
                        .containsEntry("idempotencyKey", "import/" + prefix + "-" + i + "/register")
                        .containsEntry("legalBasis", "QD-112/2024/UBND")
                        .containsEntry("correlationId", report.get("importId").asText());
                assertThat(events.get(1).getMetaData())
                        .containsEntry("idempotencyKey", "import/" + prefix + "-" + i + "/2024/PERIODIC/assessment")
                        .containsEntry("effectiveDate", "2024-12-14");
                written += events.size();
            }
        }
        long after = engine.head().position();
        assertThat(after - before).as("row events plus the import's own event").isEqualTo(written + 1);

        List<DomainEventMessage<?>> recorded = events(report.get("importId").asText());
        assertThat(recorded).hasSize(1);
        ImportRecordedEvent event = (ImportRecordedEvent) recorded.get(0).getPayload();
        assertThat(event.fileName()).isEqualTo("xa-bong-krang-2024." + format);
        assertThat(event.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(event.counts().accepted()).isEqualTo(15);
        assertThat(event.counts().rejected()).isEqualTo(5);
        assertThat(recorded.get(0).getMetaData()).containsEntry("actorId", "officer");
        assertThat(report.get("recordedPosition").asLong()).isEqualTo(after);

        JsonNode again = imported("xa-bong-krang-2024-copy." + format, bytes, false);

        assertCounts(again, 20, 0, 5, 15);
        assertThat(again.get("recordedPosition").isNull()).isTrue();
        assertThat(engine.head().position()).as("a re-upload writes nothing").isEqualTo(after);
    }

    @Test
    void aCsvFileWithFiveBrokenRowsImportsTheOtherFifteenAndARepeatedUploadWritesNothing() throws Exception {
        importsFifteenOfTwentyRowsAndWritesNothingTwice("csv");
    }

    @Test
    void anXlsxFileWithFiveBrokenRowsImportsTheOtherFifteenAndARepeatedUploadWritesNothing() throws Exception {
        importsFifteenOfTwentyRowsAndWritesNothingTwice("xlsx");
    }

    @Test
    void aDryRunValidatesEveryRowAndWritesNothing() throws Exception {
        String prefix = "DRY-" + UUID.randomUUID().toString().substring(0, 6);
        byte[] bytes = file("xlsx", HEADER, twentyRows(prefix));
        long before = engine.head().position();

        JsonNode report = imported("dry.xlsx", bytes, true);

        assertCounts(report, 20, 15, 5, 0);
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("rejections")).hasSize(5);
        assertThat(engine.head().position()).as("a dry run writes nothing").isEqualTo(before);
        assertThat(events(prefix + "-1")).isEmpty();

        assertCounts(imported("dry.xlsx", bytes, false), 20, 15, 5, 0);
    }

    @Test
    void aRowThatContradictsTheLedgerIsRefusedBeforeAnythingOfItIsWritten() throws Exception {
        String prefix = "OVL-" + UUID.randomUUID().toString().substring(0, 6);
        List<List<Object>> first = List.of(row(prefix + "-1", 1), row(prefix + "-2", 2), row(prefix + "-3", 3));
        assertCounts(imported("first.csv", file("csv", HEADER, first), false), 3, 3, 0, 0);

        List<Object> changedIncome = row(prefix + "-2", 2);
        changedIncome.set(Column.INCOME.ordinal(), 3_100_000);
        List<Object> otherHead = row(prefix + "-3", 3);
        otherHead.set(Column.HEAD_NAME.ordinal(), "H' Mai Niê");
        otherHead.set(Column.MEMBERS.ordinal(), 9);
        List<Object> moved = row(prefix + "-1", 1);
        moved.set(Column.REVIEW_KIND.ordinal(), "ON_DEMAND");
        moved.set(Column.MEMBERS.ordinal(), 7);
        List<List<Object>> second = List.of(row(prefix + "-1", 1), changedIncome, otherHead, moved, row(prefix + "-4", 4));
        long before = engine.head().position();
        List<DomainEventMessage<?>> thirdBefore = events(prefix + "-3");

        JsonNode report = imported("second.csv", file("csv", HEADER, second), false);

        assertCounts(report, 5, 2, 2, 1);
        List<org.assertj.core.groups.Tuple> rejections = new ArrayList<>();
        report.get("rejections").forEach(r -> r.get("problems").forEach(p -> rejections.add(tuple(
                r.get("row").asInt(), p.get("column").asText(), p.get("rule").asText()))));
        assertThat(rejections).containsExactly(
                tuple(3, "income_per_capita_monthly", "matches-recorded-assessment"),
                tuple(4, "head_name", "matches-register"));
        assertThat(events(prefix + "-3")).as("no details update for a refused row").hasSameSizeAs(thirdBefore);
        List<DomainEventMessage<?>> firstHousehold = events(prefix + "-1");
        assertThat(firstHousehold.stream().map(e -> e.getPayloadType().getSimpleName()))
                .contains("HouseholdDetailsUpdatedEvent");
        assertThat(engine.head().position()).isGreaterThan(before);
    }

    @Test
    void aDamagedWorkbookAFileThatIsNoSpreadsheetAndMissingColumnsAreClearBadRequests() throws Exception {
        long before = engine.head().position();
        byte[] xlsx = file("xlsx", HEADER, twentyRows("BAD"));

        ApiClient.Response damaged = upload("review.xlsx", Arrays.copyOf(xlsx, xlsx.length / 2), false);
        ApiClient.Response picture = upload("review.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A,
                0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 1, 0}, false);
        ApiClient.Response columns = upload("review.csv", "household_id,village\nHH-1,Buon Jun\n".getBytes(), false);

        assertThat(damaged.status()).isEqualTo(400);
        assertThat(damaged.header("Content-Type")).startsWith("application/problem+json");
        assertThat(damaged.json().get("code").asText()).isEqualTo("IMPORT_FILE_CORRUPT");
        assertThat(damaged.json().get("field").asText()).isEqualTo("file");
        assertThat(picture.status()).isEqualTo(400);
        assertThat(picture.json().get("code").asText()).isEqualTo("IMPORT_FILE_UNSUPPORTED");
        assertThat(picture.json().get("rule").asText()).isEqualTo("csv-or-xlsx");
        assertThat(columns.status()).isEqualTo(400);
        assertThat(columns.json().get("code").asText()).isEqualTo("IMPORT_COLUMNS_INVALID");
        assertThat(columns.json().get("missing").toString()).contains("commune_code", "income_per_capita_monthly");
        assertThat(engine.head().position()).isEqualTo(before);
        assertThat(Files.list(dataDir.resolve("uploads")).toList()).as("refused uploads are not kept").isEmpty();
    }

    @Test
    void theIdempotencyKeyAnswersARetryWithTheFirstImportAndRefusesAnotherFile() throws Exception {
        byte[] bytes = file("csv", HEADER, List.of(row("KEY-" + UUID.randomUUID().toString().substring(0, 6), 1)));
        Map<String, String> fields = Map.of("year", "2024");

        ApiClient.Response first = api.upload("officer", "/api/imports", "k.csv", bytes, fields, "upload-key-1");
        finished(first.header("Location"));
        ApiClient.Response retry = api.upload("officer", "/api/imports", "k.csv", bytes, fields, "upload-key-1");
        ApiClient.Response other = api.upload("officer", "/api/imports", "k.csv",
                file("csv", HEADER, List.of(row("KEY-OTHER", 2))), fields, "upload-key-1");
        ApiClient.Response noKey = api.upload("officer", "/api/imports", "k.csv", bytes, fields, null);
        ApiClient.Response auditor = api.upload("auditor", "/api/imports", "k.csv", bytes, fields, "upload-key-2");

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("importId").asText()).isEqualTo(first.json().get("importId").asText());
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(api.get("auditor", "/api/imports/imp-unknown").status()).isEqualTo(404);
    }

    @Test
    void theTemplateIsAnXlsxWhoseHeadersTheImportAccepts() throws Exception {
        HttpResponse<byte[]> template = api.download("auditor", "/api/imports/template.xlsx?lang=en");

        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        List<String> header = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
            workbook.getSheetAt(0).getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertThat(workbook.getSheetAt(0).getDataValidations()).hasSizeGreaterThanOrEqualTo(4);
        }
        assertThat(header).hasSize(Column.values().length).contains("Mã hộ / household_id");

        String prefix = "TPL-" + UUID.randomUUID().toString().substring(0, 6);
        assertCounts(imported("filled-template.xlsx", file("xlsx", header, List.of(row(prefix, 1))), false), 1, 1, 0, 0);
    }

    /** A valid row of commune 24615 with its village's meeting and the commune's posting. */
    private static List<Object> withSteps(String householdId, int i, String village, String meetingDate,
                                          int attendees, int inFavour) {
        List<Object> row = row(householdId, i);
        row.set(Column.COMMUNE_CODE.ordinal(), "24615");
        row.set(Column.VILLAGE.ordinal(), village);
        row.addAll(Arrays.asList(meetingDate, attendees, inFavour, "BB-" + village.hashCode() + "/2024",
                "2024-11-25", "2024-11-27", "UBND xã"));
        return row;
    }

    @Test
    void importedMeetingsAndPostingsPassTheConformanceChecksAndABadVoteShareIsARowProblem() throws Exception {
        String prefix = "STP-" + UUID.randomUUID().toString().substring(0, 6);
        List<List<Object>> rows = List.of(
                withSteps(prefix + "-1", 1, "Buôn Krang", "2024-11-20", 40, 25),
                withSteps(prefix + "-2", 2, "Buôn Krang", "2024-11-20", 40, 25),
                withSteps(prefix + "-3", 3, "Buôn Krang", "2024-11-20", 40, 25),
                withSteps(prefix + "-4", 4, "Buôn Dơng", "2024-11-21", 30, 31),
                withSteps(prefix + "-5", 6, "Buôn Dơng", "2024-11-21", 30, 10),
                withSteps(prefix + "-6", 7, "Buôn Krang", "2024-11-20", 41, 25));
        byte[] csv = file("csv", HEADER, rows);

        JsonNode report = imported("steps.csv", csv, false);
        assertCounts(report, 6, 4, 2, 0);
        List<org.assertj.core.groups.Tuple> rejections = new ArrayList<>();
        report.get("rejections").forEach(r -> r.get("problems").forEach(p -> rejections.add(tuple(
                r.get("row").asInt(), p.get("column").asText(), p.get("cell").asText(), p.get("rule").asText()))));
        assertThat(rejections).containsExactly(
                tuple(5, "meeting_in_favour", "S5", "max:meeting_attendees"),
                tuple(7, "meeting_attendees", "R7", "matches-village-meeting"));

        JsonNode conformance = api.get("auditor", "/api/audit/conformance?unit=24615&year=2024").json();
        JsonNode commune = conformance.get("communes").get(0);
        assertThat(commune.get("decisions").asLong()).as(conformance.toString()).isEqualTo(4);
        assertThat(commune.get("conforming").asLong()).isEqualTo(3);
        assertThat(commune.get("missed").get("VOTE_BELOW_HALF").asLong()).isEqualTo(1);
        assertThat(commune.get("missed").get("MISSING_MEETING").asLong()).isZero();
        assertThat(commune.get("missed").get("POSTING_TOO_SHORT").asLong()).isZero();
        for (JsonNode decision : conformance.get("decisions").get("items")) {
            String household = decision.get("householdId").asText();
            if (household.equals(prefix + "-5")) {
                assertThat(decision.get("missed").toString()).contains("VOTE_BELOW_HALF");
            } else {
                assertThat(decision.get("missed").size()).as(decision.toString()).isZero();
                assertThat(decision.get("passed").toString())
                        .contains("VILLAGE_MEETING", "VILLAGE_VOTE", "PUBLIC_POSTING", "REVIEW_WINDOW");
            }
        }

        // the same rows again, as a workbook: every step and row is on record, nothing is written
        long head = engine.head().position();
        JsonNode again = imported("steps.xlsx", file("xlsx", HEADER, rows), false);
        assertCounts(again, 6, 0, 2, 4);
        assertThat(engine.head().position()).isEqualTo(head);
        JsonNode procedure = api.get("auditor", "/api/audit/conformance?unit=24615&year=2024").json();
        assertThat(procedure.get("communes").get(0).get("conforming").asLong()).isEqualTo(3);

        // a household already on record gains a step: the row counts as accepted, one meeting is added
        List<Object> laterMeeting = withSteps(prefix + "-1", 1, "Buôn Krang", "2024-11-22", 40, 30);
        JsonNode gained = imported("steps-later.csv", file("csv", HEADER, List.of(laterMeeting)), false);
        assertCounts(gained, 1, 1, 0, 0);
        long meetings = 0;
        var stream = eventStore.readEvents("review-24615-2024", 0L);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof org.povertyledger.shared.review.event.VillageMeetingHeldEvent) {
                meetings++;
            }
        }
        assertThat(meetings).isEqualTo(3);
    }
}
