package org.povertyledger.command.importing;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.DateUtil;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.command.AssessmentFindings;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.ReviewYear;
import org.povertyledger.shared.review.command.RecordPublicPostingCommand;
import org.povertyledger.shared.review.command.RecordVillageMeetingCommand;
import org.povertyledger.shared.rulebook.Rulebook;

/**
 * Turns one row into the commands the HTTP API would build from the same values, or into every problem the
 * row has. The value objects and the review year's rulebook do the checking, so a row passes exactly when the
 * same request would pass the API. On top of that: no formula and no text that a spreadsheet would take for
 * one ({@code = + - @}, tab, carriage return), since the cells may be exported again.
 *
 * <p>The optional procedure columns give the village meeting of the row's village (date, attendees, in favour,
 * minutes) and the commune's posting of the list (from, to, place): once one cell of a group is given, its date
 * and counts are required, the dates must lie in the review year and no more may agree than attended, as the
 * review procedure's API requires. A vote below half is not refused: the audit judges it.
 */
public final class RowParser {

    private static final Pattern GROUPED_INTEGER = Pattern.compile("\\d{1,3}([., \u00a0]\\d{3})+");
    private static final Pattern PLAIN_INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT));

    /** The minutes reference recorded for a meeting whose row leaves it empty (the API requires one). */
    static final String MINUTES_NOT_GIVEN = "not given in the import";
    /** Where the list is posted when the row does not say: the commune People's Committee (Decision 24/2021). */
    static final String DEFAULT_POSTING_PLACE = "commune People's Committee";

    private final ColumnLayout layout;
    private final int reviewYear;
    private final Rulebook rulebook;

    /**
     * @param rulebook the rulebook in force for {@code reviewYear}; it names the deprivation codes allowed
     */
    public RowParser(ColumnLayout layout, int reviewYear, Rulebook rulebook) {
        this.layout = layout;
        this.reviewYear = reviewYear;
        this.rulebook = rulebook;
    }

    /** The parsed row, or the rejection listing every problem of it. */
    public Object parse(long row, List<Cell> cells) {
        Values values = new Values(row, cells);
        String householdId = values.text(Column.HOUSEHOLD_ID, 100);
        HouseholdId id = values.check(Column.HOUSEHOLD_ID, () -> householdId == null ? null : new HouseholdId(householdId));
        String commune = values.text(Column.COMMUNE_CODE, 100);
        CommuneCode communeCode = values.check(Column.COMMUNE_CODE, () -> commune == null ? null : new CommuneCode(commune));
        String village = values.text(Column.VILLAGE, 100);
        Area area = values.choice(Column.AREA, Map.of("rural", Area.RURAL, "urban", Area.URBAN,
                "nongthon", Area.RURAL, "thanhthi", Area.URBAN));
        String headName = values.text(Column.HEAD_NAME, 200);
        String ethnicity = values.text(Column.ETHNICITY, 50);
        Boolean minority = values.bool(Column.ETHNIC_MINORITY);
        Long members = values.integer(Column.MEMBERS, 1, 50);
        if (layout.has(Column.REVIEW_YEAR)) {
            Long year = values.optionalInteger(Column.REVIEW_YEAR);
            if (year != null && year != reviewYear) {
                values.problem(Column.REVIEW_YEAR, "equals-import-year",
                        "the row is for review year " + year + " but the import is for " + reviewYear);
            }
        }
        ReviewKind kind = values.choice(Column.REVIEW_KIND, Map.of("periodic", ReviewKind.PERIODIC,
                "ondemand", ReviewKind.ON_DEMAND, "dinhky", ReviewKind.PERIODIC,
                "thuongxuyen", ReviewKind.ON_DEMAND, "dotxuat", ReviewKind.ON_DEMAND));
        LocalDate surveyDate = values.date(Column.SURVEY_DATE);
        Long income = values.integer(Column.INCOME, 0, Vnd.MAX);
        Livelihood livelihood = values.choice(Column.LIVELIHOOD, Map.of(
                "farmingforestryfisherysalt", Livelihood.FARMING_FORESTRY_FISHERY_SALT,
                "farming", Livelihood.FARMING_FORESTRY_FISHERY_SALT,
                "other", Livelihood.OTHER,
                "nonglamngudiemnghiep", Livelihood.FARMING_FORESTRY_FISHERY_SALT,
                "nonglamnghiepngunghiepdiemnghiep", Livelihood.FARMING_FORESTRY_FISHERY_SALT,
                "nongnghiep", Livelihood.FARMING_FORESTRY_FISHERY_SALT,
                "khac", Livelihood.OTHER));
        Set<String> deprivations = values.deprivations(Column.DEPRIVATIONS);
        String decisionRef = values.text(Column.DECISION_REF, 100);
        LocalDate effectiveDate = values.date(Column.EFFECTIVE_DATE);
        RecordVillageMeetingCommand meeting = meeting(values, communeCode, village);
        RecordPublicPostingCommand posting = posting(values, communeCode);

        if (values.problems.isEmpty()) {
            AssessmentFindings findings = values.check(Column.INCOME,
                    () -> new AssessmentFindings(Vnd.of("incomePerCapitaMonthly", income), livelihood, deprivations));
            if (findings != null) {
                values.check(Column.DEPRIVATIONS, () -> rulebook.classify(findings.toInputs(area)));
            }
            if (values.problems.isEmpty()) {
                RegisterHouseholdCommand registration = values.check(Column.HOUSEHOLD_ID, () -> new RegisterHouseholdCommand(
                        id, communeCode, village, area, headName, ethnicity, minority, members.intValue()));
                RecordAssessmentCommand assessment = values.check(Column.HOUSEHOLD_ID, () -> new RecordAssessmentCommand(
                        id, new ReviewYear(reviewYear), kind, surveyDate, findings, decisionRef, effectiveDate));
                if (values.problems.isEmpty()) {
                    return new ReviewRow(row, registration, assessment, meeting, posting);
                }
            }
        }
        return new RowRejection(row, householdId, values.problems);
    }

    /** The row's village meeting, when it gives one; {@code null} (with the problems noted) otherwise. */
    private RecordVillageMeetingCommand meeting(Values values, CommuneCode communeCode, String village) {
        if (!values.anyGiven(Column.MEETING_DATE, Column.MEETING_ATTENDEES, Column.MEETING_IN_FAVOUR,
                Column.MEETING_MINUTES_REF)) {
            return null;
        }
        int before = values.problems.size();
        LocalDate date = values.date(Column.MEETING_DATE);
        Long attendees = values.integer(Column.MEETING_ATTENDEES, 1, 100_000);
        Long inFavour = values.integer(Column.MEETING_IN_FAVOUR, 0, 100_000);
        String minutes = values.anyGiven(Column.MEETING_MINUTES_REF) ? values.text(Column.MEETING_MINUTES_REF, 100)
                : MINUTES_NOT_GIVEN;
        if (attendees != null && inFavour != null && inFavour > attendees) {
            values.problem(Column.MEETING_IN_FAVOUR, "max:meeting_attendees",
                    "meeting_in_favour (" + inFavour + ") exceeds the attendees (" + attendees + ")");
        }
        values.inReviewYear(Column.MEETING_DATE, date);
        if (values.problems.size() > before || communeCode == null || village == null) {
            return null;
        }
        return values.check(Column.MEETING_DATE, () -> new RecordVillageMeetingCommand(null, communeCode,
                new ReviewYear(reviewYear), village, date, attendees.intValue(), inFavour.intValue(), minutes));
    }

    /** The row's posting of the list, when it gives one; {@code null} (with the problems noted) otherwise. */
    private RecordPublicPostingCommand posting(Values values, CommuneCode communeCode) {
        if (!values.anyGiven(Column.POSTING_FROM, Column.POSTING_TO, Column.POSTING_PLACE)) {
            return null;
        }
        int before = values.problems.size();
        LocalDate from = values.date(Column.POSTING_FROM);
        LocalDate to = values.date(Column.POSTING_TO);
        String place = values.anyGiven(Column.POSTING_PLACE) ? values.text(Column.POSTING_PLACE, 200)
                : DEFAULT_POSTING_PLACE;
        values.inReviewYear(Column.POSTING_FROM, from);
        if (from != null && to != null && to.isBefore(from)) {
            values.problem(Column.POSTING_TO, "not-before-posting_from",
                    "the posting ends (" + to + ") before it starts (" + from + ")");
        }
        if (values.problems.size() > before || communeCode == null) {
            return null;
        }
        return values.check(Column.POSTING_FROM, () -> new RecordPublicPostingCommand(null, communeCode,
                new ReviewYear(reviewYear), from, to, place));
    }

    /** Reads the cells of one row, collecting a problem per bad cell. */
    private final class Values {
        private final long row;
        private final List<Cell> cells;
        private final List<RowProblem> problems = new ArrayList<>();

        Values(long row, List<Cell> cells) {
            this.row = row;
            this.cells = cells;
        }

        void problem(Column column, String rule, String message) {
            problems.add(new RowProblem(column.english(), layout.header(column), layout.cellReference(column, row),
                    rule, message));
        }

        /** Whether the row has a value in any of the columns. */
        boolean anyGiven(Column... columns) {
            for (Column column : columns) {
                Cell cell = layout.cell(cells, column);
                if (cell != null && !cell.isBlank()) {
                    return true;
                }
            }
            return false;
        }

        /** A step of the year's procedure happens in the review year (the API refuses it otherwise). */
        void inReviewYear(Column column, LocalDate date) {
            if (date != null && date.getYear() != reviewYear) {
                problem(column, "in-review-year", column.english() + " " + date + " is not in review year " + reviewYear);
            }
        }

        <T> T check(Column column, java.util.function.Supplier<T> build) {
            try {
                return build.get();
            } catch (DomainException e) {
                Column named = e.field() == null ? column : columnOf(e.field(), column);
                problem(named, e.rule(), e.getMessage());
                return null;
            }
        }

        private Column columnOf(String field, Column fallback) {
            for (Column column : Column.values()) {
                if (column.field().equals(field)) {
                    return column;
                }
            }
            return fallback;
        }

        /** The cell's text if the cell is safe to read as text; {@code null} after recording why not. */
        private String raw(Column column, boolean required) {
            Cell cell = layout.cell(cells, column);
            if (cell == null || cell.isBlank()) {
                if (required) {
                    problem(column, "required", column.field() + " is required");
                }
                return null;
            }
            switch (cell.kind()) {
                case FORMULA -> {
                    problem(column, "no-formula", "formulas are not imported; paste the value instead");
                    return null;
                }
                case ERROR -> {
                    problem(column, "no-error-value", "the cell holds a spreadsheet error (" + cell.text() + ")");
                    return null;
                }
                default -> {
                }
            }
            String text = cell.text();
            if (cell.kind() == Cell.Kind.TEXT && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
                problem(column, "no-formula-prefix",
                        "a value may not begin with =, +, -, @, tab or carriage return (spreadsheets take it for a formula)");
                return null;
            }
            return text.strip();
        }

        String text(Column column, int maxLength) {
            String text = raw(column, true);
            if (text == null) {
                return null;
            }
            return check(column, () -> Require.text(column.field(), text, maxLength));
        }

        <E> E choice(Column column, Map<String, E> allowed) {
            String text = raw(column, true);
            if (text == null) {
                return null;
            }
            E value = allowed.get(Column.normalise(text));
            if (value == null) {
                List<String> names = allowed.values().stream().map(String::valueOf).distinct().sorted().toList();
                problem(column, "one-of:" + String.join(",", names),
                        column.field() + " must be one of " + String.join(", ", names));
            }
            return value;
        }

        Boolean bool(Column column) {
            Cell cell = layout.cell(cells, column);
            if (cell != null && cell.kind() == Cell.Kind.NUMBER) {
                if (cell.number() == 1 || cell.number() == 0) {
                    return cell.number() == 1;
                }
                problem(column, "type:boolean", column.field() + " must be yes or no");
                return null;
            }
            String text = raw(column, true);
            if (text == null) {
                return null;
            }
            return switch (Column.normalise(text)) {
                case "yes", "y", "true", "x", "1", "co", "c" -> true;
                case "no", "n", "false", "0", "khong", "k" -> false;
                default -> {
                    problem(column, "type:boolean", column.field() + " must be yes or no (Có / Không)");
                    yield null;
                }
            };
        }

        Long integer(Column column, long min, long max) {
            Long value = integerValue(column, true);
            if (value == null) {
                return null;
            }
            return check(column, () -> Require.range(column.field(), value, min, max));
        }

        Long optionalInteger(Column column) {
            return integerValue(column, false);
        }

        private Long integerValue(Column column, boolean required) {
            Cell cell = layout.cell(cells, column);
            if (cell != null && cell.kind() == Cell.Kind.NUMBER) {
                double number = cell.number();
                if (number != Math.rint(number) || Math.abs(number) > 1e17) {
                    problem(column, "type:integer", column.field() + " must be a whole number");
                    return null;
                }
                return (long) number;
            }
            String text = raw(column, required);
            if (text == null) {
                return null;
            }
            String digits = GROUPED_INTEGER.matcher(text).matches() ? text.replaceAll("[., \u00a0]", "") : text;
            if (!PLAIN_INTEGER.matcher(digits).matches()) {
                problem(column, "type:integer", column.field() + " must be a whole number");
                return null;
            }
            return Long.parseLong(digits);
        }

        LocalDate date(Column column) {
            Cell cell = layout.cell(cells, column);
            if (cell != null && cell.kind() == Cell.Kind.NUMBER) {
                if (!DateUtil.isValidExcelDate(cell.number())) {
                    problem(column, "type:date", column.field() + " must be a date");
                    return null;
                }
                return DateUtil.getLocalDateTime(cell.number()).toLocalDate();
            }
            String text = raw(column, true);
            if (text == null) {
                return null;
            }
            for (DateTimeFormatter format : DATE_FORMATS) {
                try {
                    return LocalDate.parse(text, format);
                } catch (DateTimeParseException next) {
                    // try the next accepted form
                }
            }
            problem(column, "type:date", column.field() + " must be a date (yyyy-mm-dd or dd/mm/yyyy)");
            return null;
        }

        Set<String> deprivations(Column column) {
            if (!layout.has(column)) {
                return Set.of();
            }
            String text = raw(column, false);
            if (text == null) {
                Cell cell = layout.cell(cells, column);
                return cell == null || cell.isBlank() ? Set.of() : null;
            }
            Set<String> codes = new TreeSet<>();
            for (String part : text.split("[;,\\n]")) {
                String item = part.strip();
                if (item.isEmpty()) {
                    continue;
                }
                String code = Deprivations.code(item, rulebook.indicators());
                codes.add(code == null ? item : code);
            }
            return codes;
        }
    }
}
