package org.povertyledger.shared.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;

class Decision59RulebookTest {

    private final Decision59Rulebook rulebook = new Decision59Rulebook();

    @ParameterizedTest(name = "{0} income {1} with {2} deprivations is {3}")
    @CsvSource(textBlock = """
            # at or below the lower line: poor whatever the deprivations
            RURAL,       0, 0, POOR
            RURAL,  700000, 0, POOR
            URBAN,  900000, 0, POOR
            # between the lines: three deprivations make the household poor
            RURAL,  700001, 2, NEAR_POOR
            RURAL,  700001, 3, POOR
            RURAL, 1000000, 2, NEAR_POOR
            RURAL, 1000000, 3, POOR
            URBAN,  900001, 2, NEAR_POOR
            URBAN,  900001, 3, POOR
            URBAN, 1300000, 2, NEAR_POOR
            URBAN, 1300000, 3, POOR
            # above the upper line: not poor, whatever the deprivations
            RURAL, 1000001, 10, NOT_POOR
            URBAN, 1300001, 10, NOT_POOR
            # the urban lines lie above the rural ones
            URBAN,  700001, 0, POOR
            RURAL,  900001, 2, NEAR_POOR
            URBAN, 1000001, 2, NEAR_POOR
            """)
    void classifiesByTwoIncomeLinesAndDeprivations(Area area, long income, int deprivations, PovertyStatus expected) {
        Classification classification = rulebook.classify(inputs(area, Livelihood.OTHER, income, deprivations));

        assertThat(classification.status()).isEqualTo(expected);
        assertThat(classification.deprivationCount()).isEqualTo(deprivations);
    }

    @Test
    void hasNoAverageLivingStandardBand() {
        assertThat(rulebook.classify(inputs(Area.RURAL, Livelihood.FARMING_FORESTRY_FISHERY_SALT, 1_000_001, 0))
                .status()).isEqualTo(PovertyStatus.NOT_POOR);
    }

    @Test
    void namesItselfAndTheLowerIncomeLineOfTheArea() {
        assertThat(rulebook.classify(inputs(Area.RURAL, Livelihood.OTHER, 800_000, 1)))
                .isEqualTo(new Classification(PovertyStatus.NEAR_POOR, 1, "VN-DECISION-59-2015", 1, 700_000));
        assertThat(rulebook.classify(inputs(Area.URBAN, Livelihood.OTHER, 800_000, 1)).incomeLine())
                .isEqualTo(900_000);
    }

    @Test
    void definesTenIndicators() {
        assertThat(rulebook.indicators()).hasSize(10).contains("INFORMATION_ASSETS", "ACCESS_TO_HEALTH_SERVICES")
                .doesNotContain("NUTRITION", "EMPLOYMENT");
    }

    @Test
    void coversReviewYears2016To2020() {
        assertThat(rulebook.appliesTo(2015)).isFalse();
        assertThat(rulebook.appliesTo(2016)).isTrue();
        assertThat(rulebook.appliesTo(2020)).isTrue();
        assertThat(rulebook.appliesTo(2021)).isFalse();
    }

    @Test
    void refusesAnIndicatorOfDecree07() {
        AssessmentInputs inputs = new AssessmentInputs(Area.RURAL, new Vnd(800_000), Livelihood.OTHER,
                Set.of("NUTRITION"));

        assertThatThrownBy(() -> rulebook.classify(inputs))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DEPRIVATION);
                    assertThat(e.field()).isEqualTo("deprivations");
                    assertThat(e.details()).containsEntry("rejected", "NUTRITION")
                            .containsEntry("rulebookId", Decision59Rulebook.ID);
                });
    }

    /** Inputs with the first {@code deprivations} indicators of the rulebook. */
    private AssessmentInputs inputs(Area area, Livelihood livelihood, long income, int deprivations) {
        Set<String> codes = Set.copyOf(new TreeSet<>(rulebook.indicators()).stream().limit(deprivations).toList());
        assertThat(codes).hasSize(deprivations);
        return new AssessmentInputs(area, new Vnd(income), livelihood, codes);
    }
}
