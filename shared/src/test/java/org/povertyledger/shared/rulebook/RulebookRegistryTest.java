package org.povertyledger.shared.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;

class RulebookRegistryTest {

    private final RulebookRegistry registry = RulebookRegistry.national();

    @ParameterizedTest(name = "review year {0} is classified by {1}")
    @CsvSource({
            "2016, VN-DECISION-59-2015",
            "2020, VN-DECISION-59-2015",
            "2021, VN-DECREE-07-2021",
            "2026, VN-DECREE-07-2021"})
    void choosesTheRulebookInForceForTheReviewYear(int reviewYear, String rulebookId) {
        assertThat(registry.forReviewYear(reviewYear).id()).isEqualTo(rulebookId);
    }

    @ParameterizedTest
    @ValueSource(ints = {2015, 2027})
    void refusesAReviewYearNoRulebookCovers(int reviewYear) {
        assertThatThrownBy(() -> registry.forReviewYear(reviewYear))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_RULEBOOK_FOR_YEAR);
                    assertThat(e.field()).isEqualTo("reviewYear");
                    assertThat(e.rule()).isEqualTo("rulebook-exists");
                    assertThat(e.details()).containsEntry("reviewYear", reviewYear);
                });
    }

    @Test
    void classifiesTheSameHouseholdDifferentlyIn2020And2021() {
        AssessmentInputs inputs = new AssessmentInputs(Area.RURAL, new Vnd(1_200_000), Livelihood.OTHER,
                Set.of("HEALTH_INSURANCE", "ADULT_EDUCATION"));

        assertThat(registry.forReviewYear(2020).classify(inputs).status()).isEqualTo(PovertyStatus.NOT_POOR);
        assertThat(registry.forReviewYear(2021).classify(inputs).status()).isEqualTo(PovertyStatus.NEAR_POOR);
    }

    @ParameterizedTest(name = "{1} in review year {0}")
    @CsvSource({
            "2022, INFORMATION_ASSETS",
            "2022, ACCESS_TO_HEALTH_SERVICES",
            "2019, NUTRITION",
            "2019, EMPLOYMENT"})
    void refusesAnIndicatorTheChosenRulebookDoesNotDefine(int reviewYear, String code) {
        AssessmentInputs inputs = new AssessmentInputs(Area.RURAL, new Vnd(800_000), Livelihood.OTHER, Set.of(code));

        assertThatThrownBy(() -> registry.forReviewYear(reviewYear).classify(inputs))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DEPRIVATION));
    }

    @ParameterizedTest(name = "{1} in review year {0}")
    @CsvSource({
            "2019, INFORMATION_ASSETS",
            "2022, NUTRITION"})
    void acceptsAnIndicatorOfTheChosenRulebook(int reviewYear, String code) {
        AssessmentInputs inputs = new AssessmentInputs(Area.RURAL, new Vnd(800_000), Livelihood.OTHER, Set.of(code));

        assertThat(registry.forReviewYear(reviewYear).classify(inputs).deprivationCount()).isEqualTo(1);
    }

    @Test
    void findsARulebookByIdAndVersionForReRunningAPastClassification() {
        assertThat(registry.find(Decree07Rulebook.ID, 1)).containsInstanceOf(Decree07Rulebook.class);
        assertThat(registry.find(Decision59Rulebook.ID, 1)).containsInstanceOf(Decision59Rulebook.class);
        assertThat(registry.find(Decree07Rulebook.ID, 2)).isEmpty();
    }
}
