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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
import org.povertyledger.shared.review.command.RecordPublicPostingCommand;
import org.povertyledger.shared.review.command.RecordVillageMeetingCommand;
import org.povertyledger.shared.review.event.ReviewListPostedEvent;
import org.povertyledger.shared.review.event.VillageMeetingHeldEvent;
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
 * <p>Procedure steps: a row that gives its village's meeting or the commune's posting of the list records them
 * in the commune's review procedure of the year ({@code RecordVillageMeetingCommand},
 * {@code RecordPublicPostingCommand}) after its household's commands, once per step whatever the number of rows
 * repeating it, under a key derived from the step's identity ({@code import/review/<commune>/<year>/meeting/
 * <village>/<date>}, {@code .../posting/<from>/<to>}). A step already on record (through the API too) is not
 * written again; a row giving other counts for a meeting on record, or for one an earlier row of the file gave,
 * is refused before anything of it is written. A row writing only a step counts as accepted.
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

    /** Idempotency key of a village meeting recorded by import: one per commune, year, village and date. */
    static String meetingKey(RecordVillageMeetingCommand meeting) {
        return "import/review/" + meeting.communeCode().value() + "/" + meeting.reviewYear().value() + "/meeting/"
                + meeting.village() + "/" + meeting.date();
    }

    /** Idempotency key of a posting recorded by import: one per commune, year and period. */
    static String postingKey(RecordPublicPostingCommand posting) {
        return "import/review/" + posting.communeCode().value() + "/" + posting.reviewYear().value() + "/posting/"
                + posting.from() + "/" + posting.to();
    }

    /** What became of a row's household commands. */
    private enum Result { ACCEPTED, UNCHANGED, REJECTED }

    /** One execution of a prepared import. */
    private final class Run {
        private final ImportJob job;
        private final SpreadsheetFile file;
        private final ColumnLayout layout;
        private final RowParser parser;
        /** Step keys known to be on record with the counts the file gives. */
        private final Set<String> stepsOnRecord = ConcurrentHashMap.newKeySet();
        /** One writer per review procedure at a time, so lanes do not race on its stream. */
        private final Map<String, Object> procedureLocks = new ConcurrentHashMap<>();

        Run(PreparedImport prepared) {
            this.job = prepared.job();
            this.file = prepared.file();
            this.layout = prepared.layout();
            this.parser = new RowParser(layout, job.reviewYear(), prepared.rulebook());
        }

        void execute() {
            job.started();
            Map<String, Long> firstRowOfIdentity = new HashMap<>();
            Map<String, ReviewRow> firstRowOfMeeting = new HashMap<>();
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
                        if (row.meeting() != null) {
                            ReviewRow earlier = firstRowOfMeeting.putIfAbsent(meetingKey(row.meeting()), row);
                            RowProblem differs = earlier == null ? null : meetingDiffers(row, earlier.meeting(),
                                    "row " + earlier.row() + " gives");
                            if (differs != null) {
                                job.rejected(new RowRejection(rowNumber, row.householdId(), List.of(differs)));
                                return;
                            }
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
                if (row.hasSteps()) {
                    List<RowProblem> problems = checkSteps(row);
                    if (!problems.isEmpty()) {
                        reject(row, problems);
                        return;
                    }
                }
                Result result = job.dryRun() ? preview(row) : write(row);
                if (result == Result.REJECTED) {
                    return;
                }
                boolean stepsWritten = false;
                if (row.hasSteps()) {
                    if (job.dryRun()) {
                        stepsWritten = stepsMissing(row);
                    } else {
                        StepsWritten steps = writeSteps(row);
                        if (steps.refused() != null) {
                            reject(row, List.of(steps.refused()));
                            return;
                        }
                        stepsWritten = steps.wrote();
                    }
                }
                if (result == Result.UNCHANGED && !stepsWritten) {
                    job.unchanged();
                } else {
                    job.accepted();
                }
            } catch (RuntimeException e) {
                log.warn("import {} row {}: {}", job.id(), row.row(), e.toString());
                reject(row, List.of(new RowProblem(null, null, null, "written",
                        "the row could not be written (" + e.getClass().getSimpleName() + "); nothing of it was stored, import it again")));
            }
        }

        private Result preview(ReviewRow row) {
            Optional<HouseholdRecord> record = HouseholdRecord.read(eventStore, row.householdId());
            if (record.isEmpty()) {
                return Result.ACCEPTED;
            }
            Decision decision = decide(row, record.get());
            if (decision.problems() != null) {
                reject(row, decision.problems());
                return Result.REJECTED;
            }
            return decision.unchanged() ? Result.UNCHANGED : Result.ACCEPTED;
        }

        private Result write(ReviewRow row) {
            RegisterHouseholdCommand registration = row.registration();
            RecordAssessmentCommand assessment = row.assessment();
            LedgerWriter.Outcome registered = writer.send(registration, job.actor(),
                    registrationKey(row.householdId()), assessment.decisionRef(), null, assessment.surveyDate(),
                    job.id().value());
            if (registered instanceof LedgerWriter.Outcome.Written) {
                // A household new to the ledger: nothing can contradict its assessment.
                return assess(row, true);
            }
            if (registered instanceof LedgerWriter.Outcome.Refused refused
                    && refused.reason().code() != ErrorCode.HOUSEHOLD_ALREADY_REGISTERED) {
                reject(row, List.of(problem(refused.reason(), Column.HOUSEHOLD_ID, row.row())));
                return Result.REJECTED;
            }
            HouseholdRecord record = HouseholdRecord.read(eventStore, row.householdId()).orElse(null);
            if (record == null) {
                reject(row, List.of(new RowProblem(null, null, null, "written",
                        "household " + row.householdId() + " was reported registered but has no events; import the row again")));
                return Result.REJECTED;
            }
            Decision decision = decide(row, record);
            if (decision.problems() != null) {
                reject(row, decision.problems());
                return Result.REJECTED;
            }
            if (decision.unchanged()) {
                return Result.UNCHANGED;
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
            return assess(row, wrote);
        }

        private Result assess(ReviewRow row, boolean alreadyWroteSomething) {
            RecordAssessmentCommand assessment = row.assessment();
            LedgerWriter.Outcome outcome = writer.send(assessment, job.actor(), key(row, "assessment"),
                    assessment.decisionRef(), null, assessment.effectiveDate(), job.id().value());
            if (outcome instanceof LedgerWriter.Outcome.Written) {
                return Result.ACCEPTED;
            } else if (outcome instanceof LedgerWriter.Outcome.AlreadyRecorded) {
                return alreadyWroteSomething ? Result.ACCEPTED : Result.UNCHANGED;
            } else {
                LedgerWriter.Outcome.Refused refused = (LedgerWriter.Outcome.Refused) outcome;
                // Only reachable when another writer changed the household between the check and the write.
                RowProblem problem = problem(refused.reason(), Column.REVIEW_KIND, row.row());
                if (alreadyWroteSomething) {
                    problem = new RowProblem(problem.column(), problem.header(), problem.cell(), problem.rule(),
                            problem.message() + " (the household's register entry from this row was written)");
                }
                reject(row, List.of(problem));
                return Result.REJECTED;
            }
        }

        // ------------------------------------------------------------------------------------ procedure steps

        /** The steps of a review procedure on record, read from its own stream. */
        private record ProcedureSteps(List<VillageMeetingHeldEvent> meetings, List<ReviewListPostedEvent> postings) {
        }

        private ProcedureSteps procedure(String procedureId) {
            List<VillageMeetingHeldEvent> meetings = new ArrayList<>();
            List<ReviewListPostedEvent> postings = new ArrayList<>();
            eventStore.readEvents(procedureId, 0L).asStream().forEach(message -> {
                if (message.getPayload() instanceof VillageMeetingHeldEvent meeting) {
                    meetings.add(meeting);
                } else if (message.getPayload() instanceof ReviewListPostedEvent posting) {
                    postings.add(posting);
                }
            });
            return new ProcedureSteps(meetings, postings);
        }

        private Optional<VillageMeetingHeldEvent> recorded(ProcedureSteps steps, RecordVillageMeetingCommand meeting) {
            return steps.meetings().stream().filter(m -> m.village().equals(meeting.village())
                    && m.date().equals(meeting.date())).findFirst();
        }

        /** A row's meeting against the ledger: other counts for a meeting on record refuse the row. */
        private List<RowProblem> checkSteps(ReviewRow row) {
            RecordVillageMeetingCommand meeting = row.meeting();
            if (meeting == null || stepsOnRecord.contains(meetingKey(meeting))) {
                return List.of();
            }
            Optional<VillageMeetingHeldEvent> held = recorded(procedure(meeting.procedureId()), meeting);
            if (held.isEmpty()) {
                return List.of();
            }
            RecordVillageMeetingCommand onRecord = new RecordVillageMeetingCommand(null, meeting.communeCode(),
                    meeting.reviewYear(), held.get().village(), held.get().date(), held.get().attendees(),
                    held.get().inFavour(), held.get().minutesRef());
            RowProblem differs = meetingDiffers(row, onRecord, "the ledger holds");
            return differs == null ? List.of() : List.of(differs);
        }

        /** Dry run: whether the row's steps are not on record yet. */
        private boolean stepsMissing(ReviewRow row) {
            String procedureId = row.meeting() != null ? row.meeting().procedureId() : row.posting().procedureId();
            ProcedureSteps steps = procedure(procedureId);
            boolean meetingMissing = row.meeting() != null && recorded(steps, row.meeting()).isEmpty();
            boolean postingMissing = row.posting() != null && steps.postings().stream().noneMatch(p ->
                    p.from().equals(row.posting().from()) && p.to().equals(row.posting().to()));
            return meetingMissing || postingMissing;
        }

        /** Whether a row wrote a step, and the refusal of one. */
        private record StepsWritten(boolean wrote, RowProblem refused) {
        }

        /**
         * Records the row's steps that are not known to be on record, one procedure at a time; the problem when
         * the procedure refuses one for another reason than its being on record already.
         */
        private StepsWritten writeSteps(ReviewRow row) {
            boolean wrote = false;
            RowProblem refused = null;
            String procedureId = row.meeting() != null ? row.meeting().procedureId() : row.posting().procedureId();
            synchronized (procedureLocks.computeIfAbsent(procedureId, id -> new Object())) {
                if (row.meeting() != null && !stepsOnRecord.contains(meetingKey(row.meeting()))) {
                    LedgerWriter.Outcome outcome = writer.send(row.meeting(), job.actor(), meetingKey(row.meeting()),
                            REVIEW_PROCEDURE, null, row.meeting().date(), job.id().value());
                    wrote = outcome instanceof LedgerWriter.Outcome.Written;
                    refused = stepRefusal(outcome, Column.MEETING_DATE, row);
                    if (refused == null) {
                        stepsOnRecord.add(meetingKey(row.meeting()));
                    }
                }
                if (refused == null && row.posting() != null && !stepsOnRecord.contains(postingKey(row.posting()))) {
                    LedgerWriter.Outcome outcome = writer.send(row.posting(), job.actor(), postingKey(row.posting()),
                            REVIEW_PROCEDURE, null, row.posting().from(), job.id().value());
                    wrote |= outcome instanceof LedgerWriter.Outcome.Written;
                    refused = stepRefusal(outcome, Column.POSTING_FROM, row);
                    if (refused == null) {
                        stepsOnRecord.add(postingKey(row.posting()));
                    }
                }
            }
            return new StepsWritten(wrote, refused);
        }

        private RowProblem stepRefusal(LedgerWriter.Outcome outcome, Column column, ReviewRow row) {
            if (outcome instanceof LedgerWriter.Outcome.Refused refused
                    && refused.reason().code() != ErrorCode.REVIEW_STEP_ALREADY_RECORDED) {
                RowProblem problem = problem(refused.reason(), column, row.row());
                return new RowProblem(problem.column(), problem.header(), problem.cell(), problem.rule(),
                        problem.message() + " (the household's commands from this row were written)");
            }
            return null;
        }

        /** The problem when the row's meeting gives other counts than {@code other} (the same village and date). */
        private RowProblem meetingDiffers(ReviewRow row, RecordVillageMeetingCommand other, String whose) {
            RecordVillageMeetingCommand meeting = row.meeting();
            Column column;
            int was;
            int is;
            if (meeting.attendees() != other.attendees()) {
                column = Column.MEETING_ATTENDEES; was = other.attendees(); is = meeting.attendees();
            } else if (meeting.inFavour() != other.inFavour()) {
                column = Column.MEETING_IN_FAVOUR; was = other.inFavour(); is = meeting.inFavour();
            } else {
                return null;
            }
            return new RowProblem(column.english(), layout.header(column), layout.cellReference(column, row.row()),
                    "matches-village-meeting", whose + " the meeting of village " + meeting.village() + " on "
                    + meeting.date() + " with " + column.english() + " " + was + " (the row says " + is + ")");
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
