package org.povertyledger.query.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyledger.query.indicator.IndicatorLedger.correction;
import static org.povertyledger.query.indicator.IndicatorLedger.derived;
import static org.povertyledger.query.indicator.IndicatorLedger.household;
import static org.povertyledger.query.indicator.IndicatorLedger.periodic;
import static org.povertyledger.query.indicator.IndicatorLedger.unit;
import static org.povertyledger.shared.household.value.PovertyStatus.NEAR_POOR;
import static org.povertyledger.shared.household.value.PovertyStatus.NOT_POOR;
import static org.povertyledger.shared.household.value.PovertyStatus.POOR;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.support.EmbeddedMongo;
import org.povertyledger.shared.audit.event.AssessmentRestatedEvent;
import org.povertyledger.shared.audit.value.RestatedAssessment;
import org.povertyledger.shared.audit.value.RestatementId;
import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.geography.value.UnitLevel;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.indicator.event.IndicatorDefinedEvent;
import org.povertyledger.shared.indicator.query.FindIndicatorTableQuery;
import org.povertyledger.shared.indicator.query.FindIndicatorValueQuery;
import org.povertyledger.shared.indicator.query.IndicatorBasis;
import org.povertyledger.shared.indicator.query.IndicatorTableView;
import org.povertyledger.shared.indicator.query.IndicatorValueView;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;
import org.povertyledger.shared.rulebook.BuiltInRulebooks;
import org.povertyledger.shared.rulebook.event.RulebookRegisteredEvent;

/**
 * Indicators read as restated: commune 24541 with four households, commune 24544 with two, counted by hand.
 *
 * <pre>
 *              H0  H1  H2  H3 | K0  K1
 *  2023        P   X   X   N  | P   X
 *  2024        P   N   X   X  | X   X      decided: 24541 1/4 = 25.00, 24544 0/2, district 1/6 = 16.67
 *  restated    P   P   P   .  | .   .      (2024 under VN-DECREE-351-2025:1; H3, K0, K1 not restated)
 *  as restated 24541 3/4 = 75.00 (3 restated, 2 changed), 24544 0.00, district 3/6 = 50.00;
 *  newly poor 2024 as decided 0, as restated 2 (H1, H2).
 * </pre>
 */
class RestatedIndicatorsTest {

    private static final String DISTRICT = "653";
    private static final String A = "24541";
    private static final String B = "24544";
    private static final String RULEBOOK = BuiltInRulebooks.DECREE_351_ID;
    private static final IndicatorBasis RESTATED = IndicatorBasis.restated(RULEBOOK, 1);

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private IndicatorLedger ledger;
    private IndicatorQueryHandler queries;
    private final Map<String, String> decisions = new HashMap<>();
    private long beforeRegistration;
    private long beforeRestatement;

    @BeforeEach
    void setUp() {
        var database = mongo.freshDatabase();
        ledger = new IndicatorLedger(new IndicatorProjection(database));
        queries = new IndicatorQueryHandler(database, ledger);
        LocalDate start = LocalDate.of(2020, 1, 1);
        ledger.publish(unit("66", UnitLevel.PROVINCE, null, start));
        ledger.publish(unit(DISTRICT, UnitLevel.DISTRICT, "66", start));
        ledger.publish(unit(A, UnitLevel.COMMUNE, DISTRICT, start));
        ledger.publish(unit(B, UnitLevel.COMMUNE, DISTRICT, start));
        ledger.publish(derived("POVERTY_RATE", DerivedMeasure.POVERTY_RATE, Direction.LOWER_IS_BETTER));
        ledger.publish(derived("HOUSEHOLDS_NEWLY_POOR", DerivedMeasure.HOUSEHOLDS_NEWLY_POOR,
                Direction.LOWER_IS_BETTER));
        ledger.publish(new IndicatorDefinedEvent(new IndicatorCode("CLEAN_WATER"), "Clean water",
                UnitOfMeasure.PERCENT, Direction.HIGHER_IS_BETTER, IndicatorKind.REPORTED, null));
        decide(A, "H", POOR, NOT_POOR, NOT_POOR, NEAR_POOR);
        decide(B, "K", POOR, NOT_POOR);
        beforeRegistration = ledger.position();
        ledger.publish(new RulebookRegisteredEvent("national", BuiltInRulebooks.definitions().stream()
                .filter(d -> d.rulebookId().equals(RULEBOOK)).findFirst().orElseThrow()));
        beforeRestatement = ledger.position();
        restate("H0", POOR, POOR);
        restate("H1", NEAR_POOR, POOR);
        restate("H2", NOT_POOR, POOR);
    }

    private void decide(String commune, String prefix, PovertyStatus... in2023) {
        PovertyStatus[] in2024 = prefix.equals("H") ? new PovertyStatus[] {POOR, NEAR_POOR, NOT_POOR, NOT_POOR}
                : new PovertyStatus[] {NOT_POOR, NOT_POOR};
        for (int i = 0; i < in2023.length; i++) {
            ledger.publish(household(prefix + i, commune, false));
            ledger.publish(periodic(prefix + i, 2023, in2023[i]));
            decisions.put(prefix + i, ledger.publish(periodic(prefix + i, 2024, in2024[i])));
        }
    }

    private void restate(String householdId, PovertyStatus decided, PovertyStatus restated) {
        String decision = decisions.get(householdId);
        ledger.publish(new AssessmentRestatedEvent(new RestatementId("rst_test0001"), RULEBOOK, 1,
                new RestatedAssessment(householdId, decision, decision, A, 2024, "VN-DECREE-07-2021", 1, decided,
                        restated, 3, 2_200_000L, null)));
    }

    private IndicatorValueView value(String indicator, String unit, int year, IndicatorBasis basis) {
        return value(indicator, unit, year, null, AsKnownAt.NOW, basis);
    }

    private IndicatorValueView value(String indicator, String unit, int year, LocalDate asOf, AsKnownAt knownAt,
                                     IndicatorBasis basis) {
        return queries.handle(new FindIndicatorValueQuery(indicator, unit, year, asOf, knownAt, null, basis));
    }

    @Test
    void countsEachRestatedHouseholdWithItsRestatedStatusAndTheOthersAsDecided() {
        IndicatorValueView decided = value("POVERTY_RATE", A, 2024, IndicatorBasis.AS_DECIDED);
        IndicatorValueView restated = value("POVERTY_RATE", A, 2024, RESTATED);

        assertThat(decided.value()).isEqualByComparingTo("25.00");
        assertThat(decided.basis()).isEqualTo(IndicatorBasis.AS_DECIDED);
        assertThat(restated.value()).isEqualByComparingTo("75.00");
        assertThat(restated.numerator()).isEqualTo(3);
        assertThat(restated.denominator()).isEqualTo(4);
        assertThat(restated.basis()).isEqualTo(new IndicatorBasis("restated", RULEBOOK, 1, 3L, 2L));
        assertThat(restated.position()).isEqualTo(decided.position());
    }

    @Test
    void rollsRestatedFiguresUpTheMapWithTheUnrestatedCommunesAsDecided() {
        assertThat(value("POVERTY_RATE", DISTRICT, 2024, IndicatorBasis.AS_DECIDED).value())
                .isEqualByComparingTo("16.67");
        IndicatorValueView district = value("POVERTY_RATE", DISTRICT, 2024, RESTATED);
        assertThat(district.value()).isEqualByComparingTo("50.00");
        assertThat(district.basis().restatedHouseholds()).isEqualTo(3);

        IndicatorTableView table = queries.handle(new FindIndicatorTableQuery("POVERTY_RATE", DISTRICT, 2024, null,
                AsKnownAt.NOW, null, RESTATED));
        assertThat(table.basis().restatedHouseholds()).isEqualTo(3);
        assertThat(table.rows()).extracting(r -> r.unitCode(), r -> r.value(), r -> r.restatedHouseholds())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DISTRICT, new BigDecimal("50.00"), 3L),
                        org.assertj.core.groups.Tuple.tuple(B, new BigDecimal("0.00"), 0L),
                        org.assertj.core.groups.Tuple.tuple(A, new BigDecimal("75.00"), 3L));
    }

    @Test
    void transitionsFollowTheRestatedStatuses() {
        assertThat(value("HOUSEHOLDS_NEWLY_POOR", A, 2024, IndicatorBasis.AS_DECIDED).value())
                .isEqualByComparingTo("0");
        assertThat(value("HOUSEHOLDS_NEWLY_POOR", A, 2024, RESTATED).value()).isEqualByComparingTo("2");
    }

    @Test
    void otherYearsAndOtherRulebooksStayAsDecided() {
        IndicatorValueView earlier = value("POVERTY_RATE", A, 2023, RESTATED);
        assertThat(earlier.value()).isEqualByComparingTo("25.00");
        assertThat(earlier.basis().restatedHouseholds()).isZero();
    }

    @Test
    void readsAsRestatedAsKnownAtAPositionAndAsOfAValidDate() {
        IndicatorValueView beforeRestating = value("POVERTY_RATE", A, 2024, null,
                AsKnownAt.parse(Long.toString(beforeRestatement)), RESTATED);
        assertThat(beforeRestating.value()).isEqualByComparingTo("25.00");
        assertThat(beforeRestating.basis().restatedHouseholds()).isZero();

        IndicatorValueView afterTwo = value("POVERTY_RATE", A, 2024, null,
                AsKnownAt.parse(Long.toString(beforeRestatement + 2)), RESTATED);
        assertThat(afterTwo.value()).isEqualByComparingTo("50.00");
        assertThat(afterTwo.basis()).isEqualTo(new IndicatorBasis("restated", RULEBOOK, 1, 2L, 1L));

        // the 2024 decisions take effect on 2024-12-15: before that, nobody is assessed for 2024 on either basis
        IndicatorValueView early = value("POVERTY_RATE", A, 2024, LocalDate.of(2024, 12, 1), AsKnownAt.NOW, RESTATED);
        assertThat(early.value()).isNull();
        assertThat(early.basis().restatedHouseholds()).isZero();
    }

    @Test
    void aDecisionCorrectedAfterItsRestatementCountsAsCorrected() {
        ledger.publish(correction("H2", decisions.get("H2"), 2024, NOT_POOR, NEAR_POOR));

        IndicatorValueView restated = value("POVERTY_RATE", A, 2024, RESTATED);
        assertThat(restated.value()).isEqualByComparingTo("50.00");
        assertThat(restated.basis()).isEqualTo(new IndicatorBasis("restated", RULEBOOK, 1, 2L, 1L));
        assertThat(value("POVERTY_RATE", A, 2024, IndicatorBasis.AS_DECIDED).value()).isEqualByComparingTo("25.00");
    }

    @Test
    void refusesARulebookVersionNotRegisteredAtThePosition() {
        assertThatThrownBy(() -> value("POVERTY_RATE", A, 2024, IndicatorBasis.restated(RULEBOOK, 2)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RULEBOOK_NOT_FOUND);
                    assertThat(e.field()).isEqualTo("rulebook");
                });
        assertThatThrownBy(() -> value("POVERTY_RATE", A, 2024, null,
                AsKnownAt.parse(Long.toString(beforeRegistration)), RESTATED))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RULEBOOK_NOT_FOUND));
    }

    @Test
    void refusesTheRestatedBasisForAReportedIndicator() {
        assertThatThrownBy(() -> value("CLEAN_WATER", A, 2024, RESTATED))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.field()).isEqualTo("basis");
                    assertThat(e.rule()).isEqualTo("derived-only");
                });
    }

    @Test
    void parsesTheBasisParametersAndNamesTheFieldOfEachRefusal() {
        assertThat(IndicatorBasis.parse(null, null)).isEqualTo(IndicatorBasis.AS_DECIDED);
        assertThat(IndicatorBasis.parse("decided", null)).isEqualTo(IndicatorBasis.AS_DECIDED);
        assertThat(IndicatorBasis.parse("restated", "DAK-LAK-2024:1")).isEqualTo(IndicatorBasis.restated("DAK-LAK-2024", 1));
        assertRefused(() -> IndicatorBasis.parse("restated", null), "rulebook", "required");
        assertRefused(() -> IndicatorBasis.parse("restated", "DAK-LAK-2024"), "rulebook", "pattern:ID:VERSION");
        assertRefused(() -> IndicatorBasis.parse("restated", "dak:1"), "rulebook", "pattern:ID:VERSION");
        assertRefused(() -> IndicatorBasis.parse("decided", "DAK-LAK-2024:1"), "rulebook", "only-with:basis=restated");
        assertRefused(() -> IndicatorBasis.parse("forecast", null), "basis", "one-of:decided,restated");
    }

    private static void assertRefused(Runnable call, String field, String rule) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
        });
    }
}
