package org.povertyledger.shared.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

class Decree07RulebookTest {

    private final Decree07Rulebook rulebook = new Decree07Rulebook();

    @ParameterizedTest(name = "{0} {1} income {2} with {3} deprivations is {4}")
    @CsvSource(textBlock = """
            # at the line: the deprivation count decides
            RURAL, OTHER,                         1500000, 3, POOR
            RURAL, OTHER,                         1500000, 2, NEAR_POOR
            RURAL, OTHER,                         1500000, 12, POOR
            RURAL, OTHER,                               0, 0, NEAR_POOR
            URBAN, OTHER,                         2000000, 3, POOR
            URBAN, OTHER,                         2000000, 2, NEAR_POOR
            # one dong above the line: never poor, whatever the deprivations
            RURAL, OTHER,                         1500001, 12, NOT_POOR
            RURAL, FARMING_FORESTRY_FISHERY_SALT, 1500001, 12, AVERAGE_LIVING_STANDARD
            URBAN, OTHER,                         2000001, 12, NOT_POOR
            URBAN, FARMING_FORESTRY_FISHERY_SALT, 2000001, 12, AVERAGE_LIVING_STANDARD
            # the urban line does not apply to a rural household
            RURAL, OTHER,                         2000000, 3, NOT_POOR
            # average living standard band: farming, forestry, fishery or salt only, up to its limit
            RURAL, FARMING_FORESTRY_FISHERY_SALT, 2250000, 0, AVERAGE_LIVING_STANDARD
            RURAL, FARMING_FORESTRY_FISHERY_SALT, 2250001, 0, NOT_POOR
            RURAL, OTHER,                         2250000, 0, NOT_POOR
            URBAN, FARMING_FORESTRY_FISHERY_SALT, 3000000, 0, AVERAGE_LIVING_STANDARD
            URBAN, FARMING_FORESTRY_FISHERY_SALT, 3000001, 0, NOT_POOR
            URBAN, OTHER,                         3000000, 0, NOT_POOR
            """)
    void classifiesByIncomeLineDeprivationsAndLivelihood(Area area, Livelihood livelihood, long income,
                                                         int deprivations, PovertyStatus expected) {
        Classification classification = rulebook.classify(inputs(area, livelihood, income, deprivations));

        assertThat(classification.status()).isEqualTo(expected);
        assertThat(classification.deprivationCount()).isEqualTo(deprivations);
    }

    @Test
    void namesItselfAndTheIncomeLineOfTheArea() {
        assertThat(rulebook.classify(inputs(Area.RURAL, Livelihood.OTHER, 1_000_000, 0)))
                .isEqualTo(new Classification(PovertyStatus.NEAR_POOR, 0, "VN-DECREE-07-2021", 1, 1_500_000));
        assertThat(rulebook.classify(inputs(Area.URBAN, Livelihood.OTHER, 1_000_000, 0)).incomeLine())
                .isEqualTo(2_000_000);
    }

    @Test
    void definesTwelveIndicators() {
        assertThat(rulebook.indicators()).hasSize(12).contains("NUTRITION", "INFORMATION_ACCESS")
                .doesNotContain("INFORMATION_ASSETS", "ACCESS_TO_HEALTH_SERVICES");
    }

    @Test
    void coversReviewYears2021To2026() {
        assertThat(rulebook.appliesTo(2020)).isFalse();
        assertThat(rulebook.appliesTo(2021)).isTrue();
        assertThat(rulebook.appliesTo(2026)).isTrue();
        assertThat(rulebook.appliesTo(2027)).isFalse();
    }

    @Test
    void refusesAnIndicatorOfDecision59() {
        AssessmentInputs inputs = new AssessmentInputs(Area.RURAL, new Vnd(1_000_000), Livelihood.OTHER,
                Set.of("EMPLOYMENT", "INFORMATION_ASSETS"));

        assertThatThrownBy(() -> rulebook.classify(inputs))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DEPRIVATION);
                    assertThat(e.field()).isEqualTo("deprivations");
                    assertThat(e.rule()).isEqualTo("known-indicator");
                    assertThat(e.details()).containsEntry("rejected", "INFORMATION_ASSETS")
                            .containsEntry("rulebookId", Decree07Rulebook.ID)
                            .containsEntry("allowed", List.copyOf(new TreeSet<>(rulebook.indicators())));
                });
    }

    /** Inputs with the first {@code deprivations} indicators of the rulebook. */
    private AssessmentInputs inputs(Area area, Livelihood livelihood, long income, int deprivations) {
        Set<String> codes = Set.copyOf(new TreeSet<>(rulebook.indicators()).stream().limit(deprivations).toList());
        assertThat(codes).hasSize(deprivations);
        return new AssessmentInputs(area, new Vnd(income), livelihood, codes);
    }
}
