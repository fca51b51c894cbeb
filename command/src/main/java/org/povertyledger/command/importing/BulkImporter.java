package org.povertyledger.command.importing;

import org.povertyledger.shared.access.UnitScope;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.household.command.AssessmentFindings;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.command.UpdateHouseholdDetailsCommand;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.importing.command.RecordImportCommand;
import org.povertyledger.shared.importing.value.ImportId;
import org.povertyledger.shared.importing.value.ImportSource;
import org.povertyledger.shared.rulebook.Rulebook;
import org.povertyledger.shared.rulebook.RulebookRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the annual review from a CSV or XLSX file. Rows stream from the file; each valid row becomes the
 * same commands the HTTP API would send (register the household, record its assessment), dispatched on
 * parallel lanes keyed by household so a household's commands keep their order.
 *
 * <p>Idempotency: every command carries an idempotency key derived from the row's identity (household id,
 * review year, review kind), and the ledger refuses a second commit with the same key and actor. Before a
 * row touches a household that is already registered, the household's own event stream is read and the row
 * compared with it: a row the ledger already holds counts as unchanged and writes nothing; a row that
 * contradicts it (another head of household, a periodic assessment with other findings) is refused before
 * anything of it is written. A dry run does the same reading and deciding and writes nothing at all.
 *
 * <p>Extension point: rows of other kinds (benefits, sub-project funding, indicator values) become other
 * commands; a new {@link Column} group, a parser producing a row record, and a case in {@link Run#process}
 * are what it takes.
 */
public final class BulkImporter {

    /** Legal basis recorded on the import's own event: the review procedure under which the list is made. */
    public static final String REVIEW_PROCEDURE = "Decision 24/2021/QD-TTg";

    private static final Logger log = LoggerFactory.getLogger(BulkImporter.class);

    private final LedgerWriter writer;
    private final EventStore eventStore;
    private final RulebookRegistry rulebooks;
    private final int lanes;
    private final long maxRows;

    /**
     * @param lanes commands in flight at once; the ledger writes concurrent commits with one durable write
     */
    public BulkImporter(LedgerWriter writer, EventStore eventStore, RulebookRegistry rulebooks, int lanes) {
        this(writer, eventStore, rulebooks, lanes, Long.MAX_VALUE);
    }

    /** @param maxRows data rows a file may have; a longer file is refused before anything is written */
    public BulkImporter(LedgerWriter writer, EventStore eventStore, RulebookRegistry rulebooks, int lanes,
                        long maxRows) {
        this.writer = writer;
        this.eventStore = eventStore;
        this.rulebooks = rulebooks;
        this.lanes = lanes;
        this.maxRows = maxRows;
    }

    /** A checked file ready to run. */
    public record PreparedImport(ImportJob job, SpreadsheetFile file, ColumnLayout layout, Rulebook rulebook) {
    }

    /**
     * Checks the file as a whole (kind, readability, header) and the review year, and prepares the job.
     *
     * @throws ImportFileException when the file cannot be imported at all
     * @throws org.povertyledger.shared.common.ValidationException when no rulebook covers the review year
     */
    public PreparedImport prepare(Path file, String fileName, String sha256, int reviewYear, boolean dryRun,
                                  ImportActor actor, ImportSource source) {
        return prepare(file, fileName, sha256, reviewYear, dryRun, actor, source, UnitScope.nationalScope());
    }

    /**
     * As {@link #prepare(Path, String, String, int, boolean, ImportActor, ImportSource)} for an uploader confined
     * to {@code scope}: a row whose commune, or whose household's registered commune, lies outside it is rejected.
     */
    public PreparedImport prepare(Path file, String fileName, String sha256, int reviewYear, boolean dryRun,
                                  ImportActor actor, ImportSource source, UnitScope scope) {
        Rulebook rulebook = rulebooks.forReviewYear(reviewYear);
        SpreadsheetFile sheet = SpreadsheetFile.open(file, fileName, maxRows);
        ColumnLayout layout = ColumnLayout.of(sheet.header());
        ImportJob job = new ImportJob(new ImportId("imp-" + UUID.randomUUID()), source, sheet.format(),
                fileName, sha256, reviewYear, dryRun, actor, sheet.dataRows(), layout.ignored(), scope);
        return new PreparedImport(job, sheet, layout, rulebook);
    }

    /** Runs a prepared import to its end in the calling thread and returns the final report. */
    public ImportReport run(PreparedImport prepared) {
        new Run(prepared).execute();
        return prepared.job().report();
    }

    /** SHA-256 of a file's bytes, lower-case hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Idempotency key of a row's command: {@code import/<householdId>/<year>/<kind>/<what>}. */
    static String key(ReviewRow row, String what) {
        return "import/" + row.identity() + "/" + what;
    }

    /** Idempotency key of a household's registration by import: one per household, whatever the year. */
    static String registrationKey(String householdId) {
        return "import/" + householdId + "/register";
    }

    /** One execution of a prepared import. */
    private final class Run {
        private final ImportJob job;
        private final SpreadsheetFile file;
        private final ColumnLayout layout;
        private final RowParser parser;

        Run(PreparedImport prepared) {
            this.job = prepared.job();
            this.file = prepared.file();
            this.layout = prepared.layout();
            this.parser = new RowParser(layout, job.reviewYear(), prepared.rulebook());
        }

        void execute() {
            job.started();
            Map<String, Long> firstRowOfIdentity = new HashMap<>();
            try {
                try (CommandLanes lanes = new CommandLanes(BulkImporter.this.lanes, 64, "import")) {
                    file.readRows((rowNumber, cells) -> {
                        Object parsed = parser.parse(rowNumber, cells);
                        if (parsed instanceof RowRejection rejection) {
                            job.rejected(rejection);
                            return;
                        }
                        ReviewRow row = (ReviewRow) parsed;
                        Long first = firstRowOfIdentity.putIfAbsent(row.identity(), rowNumber);
                        if (first != null) {
                            job.rejected(new RowRejection(rowNumber, row.householdId(), List.of(new RowProblem(
                                    Column.HOUSEHOLD_ID.english(), layout.header(Column.HOUSEHOLD_ID),
                                    layout.cellReference(Column.HOUSEHOLD_ID, rowNumber), "unique-row-identity",
                                    "row " + first + " already holds the " + row.assessment().reviewKind()
                                            + " review " + job.reviewYear() + " of household " + row.householdId()))));
                            return;
                        }
                        lanes.submit(row.householdId(), () -> process(row));
                    });
                }
                job.finished(recordImport());
            } catch (DomainException e) {
                job.failed(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.failed("the import was interrupted");
            } catch (RuntimeException e) {
                log.error("import {} failed", job.id(), e);
                job.failed("the import stopped: " + e.getMessage());
            }
        }

        private Long recordImport() {
            if (job.dryRun() || job.counts().accepted() == 0) {
                return null;
            }
            RecordImportCommand command = new RecordImportCommand(job.id(), job.source(), job.format(),
                    job.fileName(), job.sha256(), job.reviewYear(), job.counts(), job.startedAt(),
                    java.time.Instant.now());
            LedgerWriter.Outcome outcome = writer.send(command, job.actor(), "import/" + job.id() + "/record",
                    REVIEW_PROCEDURE, null, LocalDate.now(ZoneOffset.UTC), job.id().value());
            return outcome instanceof LedgerWriter.Outcome.Written written ? written.lastPosition() : null;
        }

        private void process(ReviewRow row) {
            try {
                if (!inScope(row)) {
                    reject(row, List.of(outOfScope(row)));
                    return;
                }
                if (job.dryRun()) {
                    preview(row);
                } else {
                    write(row);
                }
            } catch (RuntimeException e) {
                log.warn("import {} row {}: {}", job.id(), row.row(), e.toString());
                reject(row, List.of(new RowProblem(null, null, null, "written",
                        "the row could not be written (" + e.getClass().getSimpleName() + "); nothing of it was stored, import it again")));
            }
        }

        private void preview(ReviewRow row) {
            Optional<HouseholdRecord> record = HouseholdRecord.read(eventStore, row.householdId());
            if (record.isEmpty()) {
                job.accepted();
                return;
            }
            Decision decision = decide(row, record.get());
            if (decision.problems() != null) {
                reject(row, decision.problems());
            } else if (decision.unchanged()) {
                job.unchanged();
            } else {
                job.accepted();
            }
        }

        private void write(ReviewRow row) {
            RegisterHouseholdCommand registration = row.registration();
            RecordAssessmentCommand assessment = row.assessment();
            LedgerWriter.Outcome registered = writer.send(registration, job.actor(),
                    registrationKey(row.householdId()), assessment.decisionRef(), null, assessment.surveyDate(),
                    job.id().value());
            if (registered instanceof LedgerWriter.Outcome.Written) {
                // A household new to the ledger: nothing can contradict its assessment.
                assess(row, true);
                return;
            }
            if (registered instanceof LedgerWriter.Outcome.Refused refused
                    && refused.reason().code() != ErrorCode.HOUSEHOLD_ALREADY_REGISTERED) {
                reject(row, List.of(problem(refused.reason(), Column.HOUSEHOLD_ID, row.row())));
                return;
            }
            HouseholdRecord record = HouseholdRecord.read(eventStore, row.householdId()).orElse(null);
            if (record == null) {
                reject(row, List.of(new RowProblem(null, null, null, "written",
                        "household " + row.householdId() + " was reported registered but has no events; import the row again")));
                return;
            }
            Decision decision = decide(row, record);
            if (decision.problems() != null) {
                reject(row, decision.problems());
                return;
            }
            if (decision.unchanged()) {
                job.unchanged();
                return;
            }
            boolean wrote = false;
            if (decision.detailsChanged()) {
                UpdateHouseholdDetailsCommand details = new UpdateHouseholdDetailsCommand(registration.householdId(),
                        registration.communeCode(), registration.village(), registration.members(),
                        assessment.surveyDate(), "annual review " + job.reviewYear() + ", file " + job.fileName());
                LedgerWriter.Outcome updated = writer.send(details, job.actor(), key(row, "details"),
                        assessment.decisionRef(), details.reason(), details.effectiveDate(), job.id().value());
                wrote = updated instanceof LedgerWriter.Outcome.Written;
            }
            assess(row, wrote);
        }

        private void assess(ReviewRow row, boolean alreadyWroteSomething) {
            RecordAssessmentCommand assessment = row.assessment();
            LedgerWriter.Outcome outcome = writer.send(assessment, job.actor(), key(row, "assessment"),
                    assessment.decisionRef(), null, assessment.effectiveDate(), job.id().value());
            if (outcome instanceof LedgerWriter.Outcome.Written) {
                job.accepted();
            } else if (outcome instanceof LedgerWriter.Outcome.AlreadyRecorded) {
                if (alreadyWroteSomething) {
                    job.accepted();
                } else {
                    job.unchanged();
                }
            } else if (outcome instanceof LedgerWriter.Outcome.Refused refused) {
                // Only reachable when another writer changed the household between the check and the write.
                RowProblem problem = problem(refused.reason(), Column.REVIEW_KIND, row.row());
                if (alreadyWroteSomething) {
                    problem = new RowProblem(problem.column(), problem.header(), problem.cell(), problem.rule(),
                            problem.message() + " (the household's register entry from this row was written)");
                }
                reject(row, List.of(problem));
            }
        }

        /**
         * Whether the uploader may write the row: its commune, and the commune the household is registered in
         * when it is registered already (an import must not move a household in from a commune outside the scope).
         */
        private boolean inScope(ReviewRow row) {
            UnitScope scope = job.scope();
            if (scope.national()) {
                return true;
            }
            if (!scope.covers(row.registration().communeCode().value())) {
                return false;
            }
            return HouseholdRecord.read(eventStore, row.householdId())
                    .map(record -> scope.covers(record.communeCode())).orElse(true);
        }

        /** The same words whether the row's commune or the household's registered one is outside: existence stays hidden. */
        private RowProblem outOfScope(ReviewRow row) {
            return new RowProblem(Column.COMMUNE_CODE.english(), layout.header(Column.COMMUNE_CODE),
                    layout.cellReference(Column.COMMUNE_CODE, row.row()), "in-scope",
                    "the commune code or the household lies outside the units you may write");
        }

        /** Compares a row with what the ledger holds about its household. */
        private Decision decide(ReviewRow row, HouseholdRecord record) {
            List<RowProblem> problems = new ArrayList<>();
            RegisterHouseholdCommand registration = row.registration();
            var registered = record.registered();
            mismatch(problems, row, Column.AREA, registered.area(), registration.area());
            mismatch(problems, row, Column.HEAD_NAME, registered.headName(), registration.headName());
            mismatch(problems, row, Column.ETHNICITY, registered.ethnicity(), registration.ethnicity());
            mismatch(problems, row, Column.ETHNIC_MINORITY, registered.ethnicMinority(), registration.ethnicMinority());
            if (!problems.isEmpty()) {
                return Decision.reject(problems);
            }
            RecordAssessmentCommand assessment = row.assessment();
            HouseholdRecord.Findings findings = findings(assessment);
            String key = key(row, "assessment");
            List<HouseholdRecord.RecordedAssessment> same = record.assessments().stream()
                    .filter(a -> a.reviewYear() == assessment.reviewYear().value() && a.kind() == assessment.reviewKind())
                    .toList();
            if (same.stream().anyMatch(a -> a.versions().contains(findings))) {
                return Decision.UNCHANGED;
            }
            for (HouseholdRecord.RecordedAssessment existing : same) {
                if (existing.kind() == ReviewKind.PERIODIC || key.equals(existing.idempotencyKey())) {
                    return Decision.reject(List.of(differs(row, existing, findings)));
                }
            }
            boolean detailsChanged = !Objects.equals(record.communeCode(), registration.communeCode().value())
                    || !Objects.equals(record.village(), registration.village())
                    || record.members() != registration.members();
            return new Decision(null, false, detailsChanged);
        }

        private void mismatch(List<RowProblem> problems, ReviewRow row, Column column, Object registered, Object given) {
            if (!Objects.equals(registered, given)) {
                problems.add(new RowProblem(column.english(), layout.header(column), layout.cellReference(column, row.row()),
                        "matches-register", "household " + row.householdId() + " is registered with " + column.field()
                                + " '" + registered + "', the row says '" + given + "'"));
            }
        }

        private RowProblem differs(ReviewRow row, HouseholdRecord.RecordedAssessment existing,
                                   HouseholdRecord.Findings findings) {
            HouseholdRecord.Findings recorded = existing.versions().get(existing.versions().size() - 1);
            Column column;
            Object was;
            Object is;
            if (!Objects.equals(recorded.surveyDate(), findings.surveyDate())) {
                column = Column.SURVEY_DATE; was = recorded.surveyDate(); is = findings.surveyDate();
            } else if (recorded.income() != findings.income()) {
                column = Column.INCOME; was = recorded.income(); is = findings.income();
            } else if (!Objects.equals(recorded.livelihood(), findings.livelihood())) {
                column = Column.LIVELIHOOD; was = recorded.livelihood(); is = findings.livelihood();
            } else if (!Objects.equals(recorded.deprivations(), findings.deprivations())) {
                column = Column.DEPRIVATIONS; was = recorded.deprivations(); is = findings.deprivations();
            } else if (!Objects.equals(recorded.decisionRef(), findings.decisionRef())) {
                column = Column.DECISION_REF; was = recorded.decisionRef(); is = findings.decisionRef();
            } else {
                column = Column.EFFECTIVE_DATE; was = recorded.effectiveDate(); is = findings.effectiveDate();
            }
            return new RowProblem(column.english(), layout.header(column), layout.cellReference(column, row.row()),
                    "matches-recorded-assessment", "household " + row.householdId() + " already has a "
                    + existing.kind() + " assessment for " + existing.reviewYear() + " with " + column.field() + " "
                    + was + " (the row says " + is + "); correct it with POST /api/households/" + row.householdId()
                    + "/assessments/" + existing.assessmentId() + "/corrections");
        }

        private RowProblem problem(DomainException reason, Column fallback, long rowNumber) {
            Column column = fallback;
            if (reason.field() != null) {
                for (Column candidate : Column.values()) {
                    if (candidate.field().equals(reason.field())) {
                        column = candidate;
                    }
                }
            }
            return new RowProblem(column.english(), layout.header(column), layout.cellReference(column, rowNumber),
                    reason.rule() == null ? reason.code().name() : reason.rule(), reason.getMessage());
        }

        private void reject(ReviewRow row, List<RowProblem> problems) {
            job.rejected(new RowRejection(row.row(), row.householdId(), problems));
        }
    }

    private static HouseholdRecord.Findings findings(RecordAssessmentCommand assessment) {
        AssessmentFindings f = assessment.findings();
        return new HouseholdRecord.Findings(assessment.surveyDate(), f.incomePerCapitaMonthly().value(),
                f.livelihood().name(), new java.util.TreeSet<>(f.deprivations()), assessment.decisionRef(),
                assessment.effectiveDate());
    }

    /** The outcome of comparing a row with the ledger. */
    private record Decision(List<RowProblem> problems, boolean unchanged, boolean detailsChanged) {
        static final Decision UNCHANGED = new Decision(null, true, false);

        static Decision reject(List<RowProblem> problems) {
            return new Decision(problems, false, false);
        }
    }
}
