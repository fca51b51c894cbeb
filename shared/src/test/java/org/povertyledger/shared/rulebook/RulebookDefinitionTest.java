package org.povertyledger.shared.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.rulebook.RulebookFormula.Thresholds;

class RulebookDefinitionTest {

    private static final List<String> DECREE_07 = List.copyOf(new TreeSet<>(BuiltInRulebooks.decree07Indicators()));

    @Test
    void theBuiltInDefinitionsClassifyExactlyAsTheRulebookClasses() {
        Rulebook decree07 = BuiltInRulebooks.decree07().toRulebook();
        Rulebook decision59 = BuiltInRulebooks.decision59().toRulebook();
        Rulebook decree07Class = new Decree07Rulebook();
        Rulebook decision59Class = new Decision59Rulebook();
        List<String> decision59Codes = List.copyOf(new TreeSet<>(decision59Class.indicators()));
        for (long income = 0; income <= 3_500_000; income += 50_000) {
            for (Area area : Area.values()) {
                for (Livelihood livelihood : Livelihood.values()) {
                    for (int count = 0; count <= 5; count++) {
                        AssessmentInputs now = inputs(area, income, livelihood, DECREE_07.subList(0, count));
                        assertThat(decree07.classify(now)).as(now.toString()).isEqualTo(decree07Class.classify(now));
                        AssessmentInputs then = inputs(area, income, livelihood, decision59Codes.subList(0, count));
                        assertThat(decision59.classify(then)).as(then.toString())
                                .isEqualTo(decision59Class.classify(then));
                    }
                }
            }
        }
    }

    @Test
    void theDecree351StandardUsesItsOwnLinesFrom2027() {
        Rulebook decree351 = BuiltInRulebooks.decree351().toRulebook();
        assertThat(decree351.appliesTo(2026)).isFalse();
        assertThat(decree351.appliesTo(2027)).isTrue();
        assertThat(decree351.classify(inputs(Area.RURAL, 2_000_000, Livelihood.OTHER, DECREE_07.subList(0, 3)))
                .status()).isEqualTo(PovertyStatus.POOR);
        assertThat(decree351.classify(inputs(Area.URBAN, 2_800_001, Livelihood.OTHER, List.of())).status())
                .isEqualTo(PovertyStatus.NOT_POOR);
    }

    @Test
    void refusesAMissingThresholdNamingIt() {
        TreeMap<String, Long> thresholds = new TreeMap<>(BuiltInRulebooks.decree07().thresholds());
        thresholds.remove(Thresholds.URBAN_LINE);
        assertRefused(() -> definition(thresholds, 2022, 2025, DECREE_07), "thresholds.URBAN_LINE", "required");
    }

    @Test
    void refusesAThresholdTheFormulaDoesNotKnow() {
        TreeMap<String, Long> thresholds = new TreeMap<>(BuiltInRulebooks.decree07().thresholds());
        thresholds.put("RURAL_LOWER_LINE", 700_000L);
        assertRefused(() -> definition(thresholds, 2022, 2025, DECREE_07), "thresholds.RURAL_LOWER_LINE",
                "known-criterion");
    }

    @Test
    void refusesAnUnknownIndicator() {
        assertRefused(() -> definition(new TreeMap<>(BuiltInRulebooks.decree07().thresholds()), 2022, 2025,
                List.of("TELECOM_USE", "OWNS_A_BUFFALO")), "indicators", "known-indicator");
    }

    @Test
    void refusesAPeriodThatEndsBeforeItStarts() {
        assertRefused(() -> definition(new TreeMap<>(BuiltInRulebooks.decree07().thresholds()), 2025, 2022,
                DECREE_07), "lastReviewYear", "not-before-firstReviewYear");
    }

    @Test
    void refusesAnAverageLimitBelowTheLine() {
        TreeMap<String, Long> thresholds = new TreeMap<>(BuiltInRulebooks.decree07().thresholds());
        thresholds.put(Thresholds.RURAL_AVERAGE_LIMIT, 1_000_000L);
        assertRefused(() -> definition(thresholds, 2022, 2025, DECREE_07), "thresholds.RURAL_AVERAGE_LIMIT",
                "min:RURAL_LINE");
    }

    @Test
    void refusesANonPositiveThreshold() {
        TreeMap<String, Long> thresholds = new TreeMap<>(BuiltInRulebooks.decree07().thresholds());
        thresholds.put(Thresholds.DEPRIVATION_THRESHOLD, 0L);
        assertRefused(() -> definition(thresholds, 2022, 2025, DECREE_07), "thresholds.DEPRIVATION_THRESHOLD",
                "min:1");
    }

    @Test
    void theNationalRegistryChoosesOnlyNationalRulebooksByYear() {
        RulebookDefinition province = new RulebookDefinition("DAK-LAK-2022", 1, RulebookFormula.LINE_AND_AVERAGE_2021,
                "66", 2022, 2025, "Resolution 66/HDND", new TreeMap<>(BuiltInRulebooks.decree07().thresholds()),
                new TreeSet<>(DECREE_07));
        RulebookRegistry registry = RulebookRegistry.of(List.of(province, BuiltInRulebooks.decree07()));
        assertThat(registry.forReviewYear(2023).id()).isEqualTo(Decree07Rulebook.ID);
        assertThat(registry.find("DAK-LAK-2022", 1)).isPresent();
    }

    private static RulebookDefinition definition(TreeMap<String, Long> thresholds, int first, int last,
                                                 List<String> indicators) {
        return new RulebookDefinition("TEST-RULEBOOK", 1, RulebookFormula.LINE_AND_AVERAGE_2021, "VN", first, last,
                "Test decision", thresholds, new TreeSet<>(indicators));
    }

    private static AssessmentInputs inputs(Area area, long income, Livelihood livelihood, List<String> codes) {
        return new AssessmentInputs(area, new Vnd(income), livelihood, Set.copyOf(codes));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field,
                                      String rule) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.code()).isIn(ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_DEPRIVATION);
        });
    }
}
