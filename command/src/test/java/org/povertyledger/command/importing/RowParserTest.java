package org.povertyledger.command.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.rulebook.RulebookRegistry;

class RowParserTest {

    private static final List<String> ENGLISH = Arrays.stream(Column.values()).map(Column::english).toList();
    private static final RowParser PARSER = new RowParser(ColumnLayout.of(ENGLISH), 2024,
            RulebookRegistry.national().forReviewYear(2024));

    /** A valid row as text cells, with some cells replaced. */
    private static List<Cell> row(Map<Column, Cell> replaced) {
        List<Cell> cells = new ArrayList<>();
        for (Column column : Column.values()) {
            cells.add(replaced.containsKey(column) ? replaced.get(column) : Cell.text(valid(column)));
        }
        return cells;
    }

    private static String valid(Column column) {
        return switch (column) {
            case HOUSEHOLD_ID -> "HH-1";
            case COMMUNE_CODE -> "24612";
            case VILLAGE -> "Buôn Jun";
            case AREA -> "RURAL";
            case HEAD_NAME -> "Y Thi Mlô";
            case ETHNICITY -> "M'nông";
            case ETHNIC_MINORITY -> "yes";
            case MEMBERS -> "5";
            case REVIEW_YEAR -> "2024";
            case REVIEW_KIND -> "PERIODIC";
            case SURVEY_DATE -> "2024-10-15";
            case INCOME -> "1200000";
            case LIVELIHOOD -> "FARMING_FORESTRY_FISHERY_SALT";
            case DEPRIVATIONS -> "HEALTH_INSURANCE; HOUSING_QUALITY; DOMESTIC_WATER";
            case DECISION_REF -> "QD-1/2024/UBND";
            case EFFECTIVE_DATE -> "2024-12-14";
            // the procedure columns are optional: empty unless a test gives them
            case MEETING_DATE, MEETING_ATTENDEES, MEETING_IN_FAVOUR, MEETING_MINUTES_REF, POSTING_FROM, POSTING_TO,
                 POSTING_PLACE -> "";
        };
    }

    private static RowRejection rejected(Map<Column, Cell> replaced) {
        Object parsed = PARSER.parse(7, row(replaced));
        assertThat(parsed).isInstanceOf(RowRejection.class);
        return (RowRejection) parsed;
    }

    @Test
    void aValidRowBecomesTheCommandsTheApiWouldSend() {
        ReviewRow row = (ReviewRow) PARSER.parse(3, row(Map.of()));

        assertThat(row.registration().householdId().value()).isEqualTo("HH-1");
        assertThat(row.registration().area()).isEqualTo(Area.RURAL);
        assertThat(row.registration().ethnicMinority()).isTrue();
        assertThat(row.assessment().reviewYear().value()).isEqualTo(2024);
        assertThat(row.assessment().findings().deprivations())
                .containsExactly("DOMESTIC_WATER", "HEALTH_INSURANCE", "HOUSING_QUALITY");
        assertThat(row.identity()).isEqualTo("HH-1/2024/PERIODIC");
    }

    @Test
    void aRowWithoutProcedureCellsGivesNoSteps() {
        ReviewRow row = (ReviewRow) PARSER.parse(3, row(Map.of()));

        assertThat(row.hasSteps()).isFalse();
    }

    @Test
    void procedureCellsBecomeTheMeetingAndPostingCommandsOfTheCommunesReview() {
        ReviewRow row = (ReviewRow) PARSER.parse(3, row(Map.of(
                Column.MEETING_DATE, Cell.text("20/11/2024"),
                Column.MEETING_ATTENDEES, Cell.number(40),
                Column.MEETING_IN_FAVOUR, Cell.text("19"),
                Column.POSTING_FROM, Cell.text("2024-11-25"),
                Column.POSTING_TO, Cell.text("2024-11-27"))));

        assertThat(row.meeting().procedureId()).isEqualTo("review-24612-2024");
        assertThat(row.meeting().village()).isEqualTo("Buôn Jun");
        assertThat(row.meeting().date()).isEqualTo(LocalDate.of(2024, 11, 20));
        assertThat(row.meeting().attendees()).isEqualTo(40);
        assertThat(row.meeting().inFavour()).as("a vote below half is kept for the audit to judge").isEqualTo(19);
        assertThat(row.meeting().minutesRef()).isEqualTo(RowParser.MINUTES_NOT_GIVEN);
        assertThat(row.posting().from()).isEqualTo(LocalDate.of(2024, 11, 25));
        assertThat(row.posting().to()).isEqualTo(LocalDate.of(2024, 11, 27));
        assertThat(row.posting().place()).isEqualTo(RowParser.DEFAULT_POSTING_PLACE);
    }

    @Test
    void namesEveryBadProcedureCellWithItsColumnAndRule() {
        RowRejection rejection = rejected(Map.of(
                Column.MEETING_DATE, Cell.text("2023-11-20"),
                Column.MEETING_ATTENDEES, Cell.text("40"),
                Column.MEETING_IN_FAVOUR, Cell.text("41"),
                Column.POSTING_FROM, Cell.text("2024-11-27"),
                Column.POSTING_TO, Cell.text("2024-11-25")));

        assertThat(rejection.problems()).extracting(RowProblem::column, RowProblem::cell, RowProblem::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("meeting_in_favour", "S7", "max:meeting_attendees"),
                        org.assertj.core.groups.Tuple.tuple("meeting_date", "Q7", "in-review-year"),
                        org.assertj.core.groups.Tuple.tuple("posting_to", "V7", "not-before-posting_from"));
    }

    @Test
    void aMeetingNeedsItsDateAndCountsOnceOneOfItsCellsIsGiven() {
        RowRejection rejection = rejected(Map.of(Column.MEETING_IN_FAVOUR, Cell.text("20"),
                Column.POSTING_TO, Cell.text("2024-11-27")));

        assertThat(rejection.problems()).extracting(RowProblem::column, RowProblem::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("meeting_date", "required"),
                        org.assertj.core.groups.Tuple.tuple("meeting_attendees", "required"),
                        org.assertj.core.groups.Tuple.tuple("posting_from", "required"));
    }

    @Test
    void acceptsVietnameseLabelsGroupedNumbersAndVietnameseDates() {
        ReviewRow row = (ReviewRow) PARSER.parse(3, row(Map.of(
                Column.AREA, Cell.text("Thành thị"),
                Column.ETHNIC_MINORITY, Cell.text("Không"),
                Column.REVIEW_KIND, Cell.text("Thường xuyên"),
                Column.LIVELIHOOD, Cell.text("Khác"),
                Column.INCOME, Cell.text("1.200.000"),
                Column.SURVEY_DATE, Cell.text("15/10/2024"),
                Column.DEPRIVATIONS, Cell.text("Bảo hiểm y tế, nguồn nước sinh hoạt"))));

        assertThat(row.registration().area()).isEqualTo(Area.URBAN);
        assertThat(row.registration().ethnicMinority()).isFalse();
        assertThat(row.assessment().reviewKind()).isEqualTo(ReviewKind.ON_DEMAND);
        assertThat(row.assessment().findings().livelihood()).isEqualTo(Livelihood.OTHER);
        assertThat(row.assessment().findings().incomePerCapitaMonthly().value()).isEqualTo(1_200_000);
        assertThat(row.assessment().surveyDate()).isEqualTo(LocalDate.of(2024, 10, 15));
        assertThat(row.assessment().findings().deprivations()).containsExactly("DOMESTIC_WATER", "HEALTH_INSURANCE");
    }

    @Test
    void acceptsNumericAndDateCellsOfASpreadsheet() {
        ReviewRow row = (ReviewRow) PARSER.parse(3, row(Map.of(
                Column.COMMUNE_CODE, Cell.number(24612),
                Column.MEMBERS, Cell.number(5),
                Column.SURVEY_DATE, Cell.number(45580))));

        assertThat(row.registration().communeCode().value()).isEqualTo("24612");
        assertThat(row.assessment().surveyDate()).isEqualTo(LocalDate.of(2024, 10, 15));
    }

    @Test
    void namesEveryBadCellOfARowWithItsColumnCellAndRule() {
        RowRejection rejection = rejected(Map.of(
                Column.MEMBERS, Cell.text("five"),
                Column.COMMUNE_CODE, Cell.text("2461"),
                Column.SURVEY_DATE, Cell.text("2024-13-45")));

        assertThat(rejection.row()).isEqualTo(7);
        assertThat(rejection.householdId()).isEqualTo("HH-1");
        assertThat(rejection.problems()).extracting(RowProblem::column, RowProblem::cell, RowProblem::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("commune_code", "B7", "pattern:[0-9]{5}"),
                        org.assertj.core.groups.Tuple.tuple("members", "H7", "type:integer"),
                        org.assertj.core.groups.Tuple.tuple("survey_date", "K7", "type:date"));
    }

    @Test
    void refusesFormulasAndTextAFormulaCouldHideIn() {
        assertThat(rejected(Map.of(Column.INCOME, new Cell("A1*2", Cell.Kind.FORMULA, Double.NaN))).problems())
                .extracting(RowProblem::rule).containsExactly("no-formula");
        for (String dangerous : List.of("=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tY Mlo")) {
            assertThat(rejected(Map.of(Column.HEAD_NAME, Cell.text(dangerous))).problems())
                    .as(dangerous).extracting(RowProblem::column, RowProblem::rule)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("head_name", "no-formula-prefix"));
        }
        assertThat(rejected(Map.of(Column.MEMBERS, new Cell("#REF!", Cell.Kind.ERROR, Double.NaN))).problems())
                .extracting(RowProblem::rule).containsExactly("no-error-value");
    }

    @Test
    void appliesTheReviewYearsRulebookAndTheImportsYear() {
        assertThat(rejected(Map.of(Column.DEPRIVATIONS, Cell.text("INFORMATION_ASSETS"))).problems())
                .extracting(RowProblem::column, RowProblem::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("deprivations", "known-indicator"));
        assertThat(rejected(Map.of(Column.REVIEW_YEAR, Cell.text("2023"))).problems())
                .extracting(RowProblem::rule).containsExactly("equals-import-year");
    }

    @Test
    void namesMissingValuesAndValuesOutOfRange() {
        RowRejection rejection = rejected(Map.of(
                Column.VILLAGE, Cell.text("  "),
                Column.MEMBERS, Cell.number(0),
                Column.AREA, Cell.text("SUBURBAN")));

        assertThat(rejection.problems()).extracting(RowProblem::column, RowProblem::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("village", "required"),
                org.assertj.core.groups.Tuple.tuple("area", "one-of:RURAL,URBAN"),
                org.assertj.core.groups.Tuple.tuple("members", "min:1"));
    }
}
