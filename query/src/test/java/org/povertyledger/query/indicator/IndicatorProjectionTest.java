package org.povertyledger.query.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyledger.query.indicator.IndicatorLedger.card;
import static org.povertyledger.query.indicator.IndicatorLedger.correction;
import static org.povertyledger.query.indicator.IndicatorLedger.derived;
import static org.povertyledger.query.indicator.IndicatorLedger.dissolved;
import static org.povertyledger.query.indicator.IndicatorLedger.household;
import static org.povertyledger.query.indicator.IndicatorLedger.loan;
import static org.povertyledger.query.indicator.IndicatorLedger.merged;
import static org.povertyledger.query.indicator.IndicatorLedger.periodic;
import static org.povertyledger.query.indicator.IndicatorLedger.points;
import static org.povertyledger.query.indicator.IndicatorLedger.reparented;
import static org.povertyledger.query.indicator.IndicatorLedger.target;
import static org.povertyledger.query.indicator.IndicatorLedger.unit;
import static org.povertyledger.shared.household.value.PovertyStatus.NEAR_POOR;
import static org.povertyledger.shared.household.value.PovertyStatus.NOT_POOR;
import static org.povertyledger.shared.household.value.PovertyStatus.POOR;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.support.EmbeddedMongo;
import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.geography.value.UnitLevel;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.indicator.query.FindIndicatorTableQuery;
import org.povertyledger.shared.indicator.query.FindIndicatorValueQuery;
import org.povertyledger.shared.indicator.query.IndicatorTableRow;
import org.povertyledger.shared.indicator.query.IndicatorTableView;
import org.povertyledger.shared.indicator.event.IndicatorDefinedEvent;
import org.povertyledger.shared.indicator.event.ObservationRecordedEvent;
import org.povertyledger.shared.indicator.query.IndicatorValueView;
import org.povertyledger.shared.indicator.query.LeftOutPeriod;
import org.povertyledger.shared.indicator.value.FigureBasis;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;
import org.povertyledger.shared.review.event.ReviewPeriodApprovedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodLockedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodReturnedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodSubmittedEvent;
import org.povertyledger.shared.review.value.PeriodState;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.ProgressStatus;
import org.povertyledger.shared.indicator.value.Target;
import org.povertyledger.shared.indicator.value.TargetKind;

import com.mongodb.client.MongoDatabase;

/**
 * The indicator projection and query handler over a small district whose figures were counted by hand:
 *
 * <pre>
 * commune 24541 (A), 10 households, A0-A5 ethnic minority
 *        A0 A1 A2 A3 A4 A5 A6 A7 A8 A9   poor  rate
 *  2022  P  P  P  P  N  N  .  .  .  .     4    40.00   near-poor 2 (20.00), minority poor 4/6 (66.67)
 *  2023  P  P  .  N  P  N  .  .  .  .     3    30.00   escaped A2 A3 (2), newly poor A4 (1)
 *  2024  P  .  P  .  .  .  .  N  .  .     2    20.00   escaped A1 A4 (2), re-poor A2 (1)
 * commune 24544 (B), 6 households, all minority
 *  2022  P  P  P  P  .  .                 4    66.67
 *  2023  P  P  P  .  .  .                 3    50.00
 *  2024  P  P  P  .  .  N                 3    50.00
 * commune 24550 (C), 4 households
 *  2022  P  .  .  .                       1    25.00
 *  2023  P  .  .  .                       1    25.00
 *  2024  .  .  .  .                       0     0.00
 * district 653 (A+B+C, 20 households): 2022 9/20 = 45.00, 2023 7/20 = 35.00, 2024 5/20 = 25.00
 * 2025-07-01: A and B merge into new commune 24600 (N); district 653 dissolved, C moves up to province 66.
 * N for 2024 = (2 + 3) / (10 + 6) = 31.25.
 * </pre>
 */
class IndicatorProjectionTest {

    private static final String PROVINCE = "66";
    private static final String DISTRICT = "653";
    private static final String A = "24541";
    private static final String B = "24544";
    private static final String C = "24550";
    private static final String N = "24600";
    private static final LocalDate START = LocalDate.of(2020, 1, 1);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final String RATE = "POVERTY_RATE";

    private static final PovertyStatus P = POOR;
    private static final PovertyStatus X = NOT_POOR;
    private static final PovertyStatus M = NEAR_POOR;

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private IndicatorLedger ledger;
    private IndicatorQueryHandler queries;
    private final Map<String, String> assessmentIds = new HashMap<>();

    @BeforeEach
    void setUp() {
        MongoDatabase database = mongo.freshDatabase();
        ledger = new IndicatorLedger(new IndicatorProjection(database));
        queries = new IndicatorQueryHandler(database, ledger);
        ledger.publish(unit(PROVINCE, UnitLevel.PROVINCE, null, START));
        ledger.publish(unit(DISTRICT, UnitLevel.DISTRICT, PROVINCE, START));
        ledger.publish(unit(A, UnitLevel.COMMUNE, DISTRICT, START));
        ledger.publish(unit(B, UnitLevel.COMMUNE, DISTRICT, START));
        ledger.publish(unit(C, UnitLevel.COMMUNE, DISTRICT, START));
        for (DerivedMeasure measure : DerivedMeasure.values()) {
            String code = measure == DerivedMeasure.POVERTY_RATE ? RATE : measure.name();
            ledger.publish(derived(code, measure, measure.name().startsWith("HOUSEHOLDS_ESCAPED")
                    ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER));
        }
        households(A, "A", 6, new PovertyStatus[][] {
                {P, P, P, P, M, M, X, X, X, X},
                {P, P, X, M, P, M, X, X, X, X},
                {P, X, P, X, X, X, X, M, X, X}});
        households(B, "B", 6, new PovertyStatus[][] {
                {P, P, P, P, X, X},
                {P, P, P, X, X, X},
                {P, P, P, X, X, M}});
        households(C, "C", 0, new PovertyStatus[][] {
                {P, X, X, X},
                {P, X, X, X},
                {X, X, X, X}});
    }

    /** Registers the households of a commune and records their 2022, 2023 and 2024 periodic reviews, year by year. */
    private void households(String commune, String prefix, int minorities, PovertyStatus[][] byYear) {
        int count = byYear[0].length;
        for (int i = 0; i < count; i++) {
            ledger.publish(household(prefix + i, commune, i < minorities));
        }
        for (int y = 0; y < byYear.length; y++) {
            int year = 2022 + y;
            for (int i = 0; i < count; i++) {
                assessmentIds.put(prefix + i + "/" + year, ledger.publish(periodic(prefix + i, year, byYear[y][i])));
            }
        }
    }

    private void reform() {
        ledger.publish(unit(N, UnitLevel.COMMUNE, PROVINCE, REFORM));
        ledger.publish(merged(List.of(A, B), N, REFORM));
        ledger.publish(reparented(C, DISTRICT, PROVINCE, REFORM));
        ledger.publish(dissolved(DISTRICT, REFORM));
    }

    private IndicatorValueView value(String indicator, String unit, int year) {
        return queries.handle(new FindIndicatorValueQuery(indicator, unit, year, null, AsKnownAt.NOW, null));
    }

    private IndicatorValueView value(String indicator, String unit, int year, LocalDate asOf, AsKnownAt knownAt) {
        return queries.handle(new FindIndicatorValueQuery(indicator, unit, year, asOf, knownAt, null));
    }

    private static BigDecimal decimal(String text) {
        return new BigDecimal(text);
    }

    @Test
    void aCommunesPovertyRateForEachOfThreeReviewYearsEqualsTheHandCount() {
        assertThat(value(RATE, A, 2022).value()).isEqualByComparingTo("40.00");
        assertThat(value(RATE, A, 2023).value()).isEqualByComparingTo("30.00");
        assertThat(value(RATE, A, 2024).value()).isEqualByComparingTo("20.00");
        IndicatorValueView a2023 = value(RATE, A, 2023);
        assertThat(a2023.numerator()).isEqualTo(3);
        assertThat(a2023.denominator()).isEqualTo(10);
        assertThat(a2023.communes()).containsExactly(A);
        assertThat(a2023.position()).isEqualTo(ledger.position());
        assertThat(a2023.recordedAt()).isEqualTo(ledger.timeAt(ledger.position()));
    }

    @Test
    void theOtherDerivedMeasuresFollowTheirDefinitions() {
        assertThat(value("NEAR_POVERTY_RATE", A, 2022).value()).isEqualByComparingTo("20.00");
        assertThat(value("MINORITY_POVERTY_RATE", A, 2022).value()).isEqualByComparingTo("66.67");
        assertThat(value("POOR_HOUSEHOLDS", DISTRICT, 2023).value()).isEqualByComparingTo("7");
        assertThat(value("HOUSEHOLDS_ESCAPED_POVERTY", A, 2023).value()).isEqualByComparingTo("2");
        assertThat(value("HOUSEHOLDS_NEWLY_POOR", A, 2023).value()).isEqualByComparingTo("1");
        assertThat(value("HOUSEHOLDS_RE_POOR", A, 2023).value()).isEqualByComparingTo("0");
        assertThat(value("HOUSEHOLDS_ESCAPED_POVERTY", A, 2024).value()).isEqualByComparingTo("2");
        assertThat(value("HOUSEHOLDS_RE_POOR", A, 2024).value()).isEqualByComparingTo("1");
        assertThat(value("HOUSEHOLDS_NEWLY_POOR", A, 2022).value()).isEqualByComparingTo("4");
    }

    /**
     * Review 2023 of commune A: poor A0 A1 A4, near-poor A3 A5, newly escaped A2 (poor in 2022): 6 eligible for
     * policy credit. Review 2024: poor A0 A2, near-poor A7, newly escaped A1 A3 A4 A5: 7 eligible.
     */
    @Test
    void coverageMeasuresCountCardsForTheYearTheListIsInForceAndLoansInTheirWindow() {
        ledger.publish(card("A0", 2024, LocalDate.of(2024, 1, 10)));
        ledger.publish(card("A4", 2024, LocalDate.of(2024, 1, 10)));
        ledger.publish(card("A1", 2023, LocalDate.of(2023, 1, 10)));  // the year before the list: not counted
        ledger.publish(card("A6", 2024, LocalDate.of(2024, 1, 10)));  // not poor: not counted
        ledger.publish(loan("A2", LocalDate.of(2022, 6, 1)));         // newly escaped in 2023, in the window
        ledger.publish(loan("A5", LocalDate.of(2024, 3, 1)));
        ledger.publish(loan("A0", LocalDate.of(2021, 5, 1)));         // before the 2023 window
        ledger.publish(loan("A9", LocalDate.of(2023, 5, 1)));         // never eligible

        IndicatorValueView insured = value("HEALTH_INSURANCE_COVERAGE_POOR", A, 2023);
        assertThat(insured.value()).isEqualByComparingTo("66.67");
        assertThat(insured.numerator()).isEqualTo(2);
        assertThat(insured.denominator()).isEqualTo(3);
        assertThat(value("HEALTH_INSURANCE_COVERAGE_POOR", A, 2023, LocalDate.of(2024, 1, 9), AsKnownAt.NOW).value())
                .isEqualByComparingTo("0.00");

        IndicatorValueView credit = value("PREFERENTIAL_CREDIT_COVERAGE", A, 2023);
        assertThat(credit.numerator()).isEqualTo(2);
        assertThat(credit.denominator()).isEqualTo(6);
        assertThat(credit.value()).isEqualByComparingTo("33.33");
        assertThat(value("PREFERENTIAL_CREDIT_COVERAGE", A, 2023, LocalDate.of(2023, 12, 31), AsKnownAt.NOW).value())
                .isEqualByComparingTo("16.67");
        IndicatorValueView credit2024 = value("PREFERENTIAL_CREDIT_COVERAGE", A, 2024);
        assertThat(credit2024.numerator()).isEqualTo(1);
        assertThat(credit2024.denominator()).isEqualTo(7);
        // 2022's review: A0 A1 A2 A3 poor, A4 A5 near-poor; A2's 2022 loan is in the window, A0's 2021 one too.
        assertThat(value("PREFERENTIAL_CREDIT_COVERAGE", A, 2022).numerator()).isEqualTo(2);
    }

    @Test
    void aDistrictRollsUpItsCommunes() {
        assertThat(value(RATE, DISTRICT, 2022).value()).isEqualByComparingTo("45.00");
        assertThat(value(RATE, DISTRICT, 2023).value()).isEqualByComparingTo("35.00");
        assertThat(value(RATE, DISTRICT, 2024).value()).isEqualByComparingTo("25.00");
        assertThat(value(RATE, PROVINCE, 2024).value()).isEqualByComparingTo("25.00");
    }

    @Test
    void aLaterCorrectionChangesTheYearAsOfNowButNotAsKnownBeforeIt() {
        long before = ledger.position();
        ledger.publish(correction("A0", assessmentIds.get("A0/2023"), 2023, POOR, NOT_POOR));

        assertThat(value(RATE, A, 2023).value()).isEqualByComparingTo("20.00");
        IndicatorValueView known = value(RATE, A, 2023, null, new AsKnownAt(before, null));
        assertThat(known.value()).isEqualByComparingTo("30.00");
        assertThat(known.position()).isEqualTo(before);
        assertThat(known.recordedAt()).isBeforeOrEqualTo(ledger.timeAt(before));
        IndicatorValueView knownByTime = value(RATE, A, 2023, null,
                new AsKnownAt(null, ledger.timeAt(before).plusSeconds(1800)));
        assertThat(knownByTime.value()).isEqualByComparingTo("30.00");
        assertThat(knownByTime.position()).isEqualTo(before);

        // The correction also renames 2024's transitions: A0 was poor in 2022, not in 2023, poor in 2024.
        assertThat(value("HOUSEHOLDS_RE_POOR", A, 2024).value()).isEqualByComparingTo("2");
        assertThat(value("HOUSEHOLDS_RE_POOR", A, 2024, null, new AsKnownAt(before, null)).value())
                .isEqualByComparingTo("1");
        // Other years are untouched.
        assertThat(value(RATE, A, 2022).value()).isEqualByComparingTo("40.00");
    }

    @Test
    void asOfAValidDateCountsOnlyAssessmentsEffectiveByThen() {
        assertThat(value(RATE, A, 2023, LocalDate.of(2023, 12, 14), AsKnownAt.NOW).value()).isNull();
        assertThat(value(RATE, A, 2023, LocalDate.of(2023, 12, 15), AsKnownAt.NOW).value())
                .isEqualByComparingTo("30.00");
    }

    @Test
    void mergedCommunesAnswerForTheNewUnitAndTheOldOnesAndTheDissolvedDistrictStillAnswersFor2024() {
        long beforeReform = ledger.position();
        reform();

        IndicatorValueView merged = value(RATE, N, 2024);
        assertThat(merged.value()).isEqualByComparingTo("31.25");
        assertThat(merged.numerator()).isEqualTo(5);
        assertThat(merged.denominator()).isEqualTo(16);
        assertThat(merged.communes()).containsExactly(A, B, N);
        assertThat(merged.mapDate()).isEqualTo(REFORM);

        IndicatorValueView oldA = value(RATE, A, 2024);
        assertThat(oldA.value()).isEqualByComparingTo("20.00");
        assertThat(oldA.mapDate()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(value(RATE, B, 2024).value()).isEqualByComparingTo("50.00");

        IndicatorValueView district = value(RATE, DISTRICT, 2024);
        assertThat(district.value()).isEqualByComparingTo("25.00");
        assertThat(district.communes()).containsExactly(A, B, C);

        // Before the reform was recorded, the new commune did not exist.
        assertThatThrownBy(() -> value(RATE, N, 2024, null, new AsKnownAt(beforeReform, null)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNIT_NOT_FOUND));
        // On today's map the province holds the new commune and the moved one.
        assertThat(queries.handle(new FindIndicatorValueQuery(RATE, PROVINCE, 2024, null, AsKnownAt.NOW,
                LocalDate.of(2025, 12, 31))).communes()).containsExactly(A, B, C, N);
    }

    @Test
    void aRelativeTargetIsEvaluatedOnBothSidesOfItsRange() {
        // 2023 -> 2024: district down 10 points, commune B down 0, commune A down 10.
        ledger.publish(target(RATE, DISTRICT, 2024, points("3", "3.5")));
        ledger.publish(target(RATE, B, 2024, points("3", "3.5")));
        ledger.publish(target(RATE, A, 2024, points("9.5", "10.5")));

        IndicatorValueView district = value(RATE, DISTRICT, 2024);
        assertThat(district.progress().reference()).isEqualByComparingTo("35.00");
        assertThat(district.progress().achieved()).isEqualByComparingTo("10.00");
        assertThat(district.progress().status()).isEqualTo(ProgressStatus.EXCEEDED);
        assertThat(value(RATE, B, 2024).progress().status()).isEqualTo(ProgressStatus.NOT_ACHIEVED);
        assertThat(value(RATE, A, 2024).progress().status()).isEqualTo(ProgressStatus.ACHIEVED);
    }

    @Test
    void aBaselineTargetIsOnTrackBeforeItsYear() {
        ledger.publish(target(RATE, DISTRICT, 2025,
                new Target(TargetKind.PERCENT_ON_BASELINE, decimal("50"), null, 2022)));
        // 45.00 -> 25.00 is 44.44% down; two of three years gone, the straight path asks 33.33%.
        IndicatorValueView v2024 = value(RATE, DISTRICT, 2024);
        assertThat(v2024.progress().targetYear()).isEqualTo(2025);
        assertThat(v2024.progress().achieved()).isEqualByComparingTo("44.44");
        assertThat(v2024.progress().status()).isEqualTo(ProgressStatus.ON_TRACK);
        assertThat(value(RATE, DISTRICT, 2025).progress().status()).isEqualTo(ProgressStatus.NO_DATA);
    }

    @Test
    void aTableRanksTheChildrenBestFirstUnderTheParentsTotal() {
        IndicatorTableView table = queries.handle(new FindIndicatorTableQuery(RATE, DISTRICT, 2024, null,
                AsKnownAt.NOW, null));
        assertThat(table.rows()).extracting(IndicatorTableRow::unitCode).containsExactly(DISTRICT, C, A, B);
        assertThat(table.rows()).extracting(IndicatorTableRow::rank).containsExactly(null, 1, 2, 3);
        assertThat(table.rows().get(0).total()).isTrue();
        assertThat(table.rows().get(1).value()).isEqualByComparingTo("0.00");
    }

    // ------------------------------------------------------------------------------------- approved only

    private void submitted(String commune, int year) {
        ledger.publish(new ReviewPeriodSubmittedEvent(commune, year, "officer", "QD-12/" + year, null));
    }

    private void approved(String commune, int year) {
        ledger.publish(new ReviewPeriodApprovedEvent(commune, year, "admin", "officer", "QD-77/" + year, null));
    }

    private IndicatorValueView approvedValue(String unit, int year, AsKnownAt knownAt) {
        return queries.handle(new FindIndicatorValueQuery(RATE, unit, year, null, knownAt, null,
                FigureBasis.APPROVED));
    }

    @Test
    void approvedOnlyCountsTheCommuneYearsWhoseReviewIsApprovedOrLockedAndNamesTheOthers() {
        submitted(A, 2024);
        approved(A, 2024);
        submitted(B, 2024);

        IndicatorValueView recorded = value(RATE, DISTRICT, 2024);
        assertThat(recorded.value()).isEqualByComparingTo("25.00");
        assertThat(recorded.approval()).isEqualTo(FigureBasis.RECORDED);
        assertThat(recorded.leftOut()).isEmpty();

        IndicatorValueView approvedOnly = approvedValue(DISTRICT, 2024, AsKnownAt.NOW);
        assertThat(approvedOnly.approval()).isEqualTo(FigureBasis.APPROVED);
        assertThat(approvedOnly.value()).isEqualByComparingTo("20.00");
        assertThat(approvedOnly.numerator()).isEqualTo(2);
        assertThat(approvedOnly.denominator()).isEqualTo(10);
        assertThat(approvedOnly.communes()).containsExactly(A);
        assertThat(approvedOnly.leftOut()).containsExactly(new LeftOutPeriod(B, 2024, PeriodState.SUBMITTED),
                new LeftOutPeriod(C, 2024, PeriodState.OPEN));

        ledger.publish(new ReviewPeriodApprovedEvent(B, 2024, "admin", "officer", "QD-78/2024", null));
        ledger.publish(new ReviewPeriodLockedEvent(B, 2024, "admin", "QD-80/2024", null));

        IndicatorValueView afterLock = approvedValue(DISTRICT, 2024, AsKnownAt.NOW);
        assertThat(afterLock.value()).isEqualByComparingTo("31.25");
        assertThat(afterLock.leftOut()).containsExactly(new LeftOutPeriod(C, 2024, PeriodState.OPEN));
    }

    @Test
    void approvedOnlyReadsTheSignOffAsKnownAtThePositionAsked() {
        submitted(A, 2024);
        long beforeApproval = ledger.position();
        approved(A, 2024);

        assertThat(approvedValue(A, 2024, AsKnownAt.NOW).value()).isEqualByComparingTo("20.00");
        IndicatorValueView then = approvedValue(A, 2024, new AsKnownAt(beforeApproval, null));
        assertThat(then.value()).isNull();
        assertThat(then.leftOut()).containsExactly(new LeftOutPeriod(A, 2024, PeriodState.SUBMITTED));
    }

    @Test
    void aReturnedPeriodIsOpenAgainAndLeftOut() {
        submitted(A, 2024);
        ledger.publish(new ReviewPeriodReturnedEvent(A, 2024, "admin", "village meeting minutes missing"));

        assertThat(approvedValue(A, 2024, AsKnownAt.NOW).leftOut())
                .containsExactly(new LeftOutPeriod(A, 2024, PeriodState.OPEN));
    }

    @Test
    void approvedOnlyMeasuresATargetFromApprovedFiguresAndNamesTheReferenceYearLeftOut() {
        ledger.publish(target(RATE, A, 2024, points("9.5", "10.5")));
        submitted(A, 2024);
        approved(A, 2024);

        IndicatorValueView v = approvedValue(A, 2024, AsKnownAt.NOW);
        assertThat(v.value()).isEqualByComparingTo("20.00");
        assertThat(v.progress().reference()).isNull();
        assertThat(v.leftOut()).containsExactly(new LeftOutPeriod(A, 2023, PeriodState.OPEN));

        submitted(A, 2023);
        approved(A, 2023);
        assertThat(approvedValue(A, 2024, AsKnownAt.NOW).progress().status()).isEqualTo(ProgressStatus.ACHIEVED);
    }

    @Test
    void anApprovedOnlyTableLeavesOutTheRowsOfUnapprovedCommunes() {
        submitted(C, 2024);
        approved(C, 2024);

        IndicatorTableView table = queries.handle(new FindIndicatorTableQuery(RATE, DISTRICT, 2024, null,
                AsKnownAt.NOW, null, FigureBasis.APPROVED));

        assertThat(table.approval()).isEqualTo(FigureBasis.APPROVED);
        assertThat(table.rows()).extracting(IndicatorTableRow::unitCode).containsExactly(DISTRICT, C, A, B);
        assertThat(table.rows()).extracting(IndicatorTableRow::value).containsExactly(decimal("0.00"),
                decimal("0.00"), null, null);
        assertThat(table.leftOut()).containsExactly(new LeftOutPeriod(A, 2024, PeriodState.OPEN),
                new LeftOutPeriod(B, 2024, PeriodState.OPEN));
    }

    @Test
    void aReportedIndicatorAnswersAsRecordedOnEitherBasis() {
        ledger.publish(new IndicatorDefinedEvent(new IndicatorCode("CLEAN_WATER"), "Clean water",
                UnitOfMeasure.PERCENT, Direction.HIGHER_IS_BETTER, IndicatorKind.REPORTED, null));
        ledger.publish(new ObservationRecordedEvent(new IndicatorCode("CLEAN_WATER"),
                new org.povertyledger.shared.geography.value.UnitCode(DISTRICT), 2024, decimal("75.4"),
                UnitOfMeasure.PERCENT, "district report 2024", LocalDate.of(2024, 12, 31)));

        IndicatorValueView v = queries.handle(new FindIndicatorValueQuery("CLEAN_WATER", DISTRICT, 2024, null,
                AsKnownAt.NOW, null, FigureBasis.APPROVED));

        assertThat(v.value()).isEqualByComparingTo("75.4");
        assertThat(v.approval()).isEqualTo(FigureBasis.RECORDED);
        assertThat(v.leftOut()).isEmpty();
    }

    @Test
    void refusesAnUnknownIndicatorAndAUnitAtVillageLevel() {
        ledger.publish(unit("24541-01", UnitLevel.VILLAGE, A, START));
        assertThatThrownBy(() -> value("NO_SUCH", A, 2024)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INDICATOR_NOT_FOUND));
        assertThatThrownBy(() -> value(RATE, "24541-01", 2024)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_FIGURES_FOR_LEVEL));
    }
}
