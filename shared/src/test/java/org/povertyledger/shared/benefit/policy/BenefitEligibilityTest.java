package org.povertyledger.shared.benefit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyledger.shared.household.value.PovertyStatus.AVERAGE_LIVING_STANDARD;
import static org.povertyledger.shared.household.value.PovertyStatus.NEAR_POOR;
import static org.povertyledger.shared.household.value.PovertyStatus.NOT_POOR;
import static org.povertyledger.shared.household.value.PovertyStatus.POOR;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.povertyledger.shared.benefit.policy.BenefitEligibility.DatedStatus;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.TargetGroup;
import org.povertyledger.shared.household.value.PovertyStatus;

class BenefitEligibilityTest {

    private static DatedStatus on(String date, PovertyStatus status) {
        return new DatedStatus(LocalDate.parse(date), status);
    }

    private static TargetGroup groupOn(List<DatedStatus> history, String date) {
        return BenefitEligibility.groupOn(history, LocalDate.parse(date));
    }

    @Test
    void aHouseholdIsUnassessedBeforeItsFirstAssessmentTakesEffect() {
        List<DatedStatus> history = List.of(on("2022-12-15", POOR));
        assertThat(groupOn(history, "2022-12-14")).isEqualTo(TargetGroup.UNASSESSED);
        assertThat(groupOn(history, "2022-12-15")).isEqualTo(TargetGroup.POOR);
    }

    @Test
    void aHouseholdThatEscapedCountsAsNewlyEscapedForThreeYearsOnly() {
        List<DatedStatus> history = List.of(on("2021-12-15", POOR), on("2022-12-15", AVERAGE_LIVING_STANDARD),
                on("2023-12-15", NOT_POOR));
        assertThat(groupOn(history, "2022-12-15")).isEqualTo(TargetGroup.NEWLY_ESCAPED);
        assertThat(groupOn(history, "2025-12-14")).as("a later above-line review does not restart the window")
                .isEqualTo(TargetGroup.NEWLY_ESCAPED);
        assertThat(groupOn(history, "2025-12-15")).isEqualTo(TargetGroup.OTHER);
    }

    @Test
    void aHouseholdNeverPoorIsNotNewlyEscapedAndFallingBackEndsTheEscape() {
        assertThat(groupOn(List.of(on("2022-12-15", NOT_POOR)), "2023-01-01")).isEqualTo(TargetGroup.OTHER);
        List<DatedStatus> history = List.of(on("2021-12-15", POOR), on("2022-12-15", NOT_POOR),
                on("2023-12-15", NEAR_POOR));
        assertThat(groupOn(history, "2024-01-01")).isEqualTo(TargetGroup.NEAR_POOR);
    }

    @Test
    void housingSupportAdmitsOnlyPoorAndNearPoorWhileOtherKindsAlsoAdmitNewlyEscaped() {
        List<DatedStatus> history = List.of(on("2021-12-15", POOR), on("2022-12-15", NOT_POOR));
        LocalDate date = LocalDate.parse("2023-06-01");
        BenefitEligibility.Decision housing = BenefitEligibility.decide(BenefitKind.HOUSING_SUPPORT, history, date);
        assertThat(housing.eligible()).isFalse();
        assertThat(housing.rule()).isEqualTo("housing-support:poor-or-near-poor");
        assertThat(housing.statusOnDate()).isEqualTo(NOT_POOR);
        for (BenefitKind kind : BenefitKind.values()) {
            if (kind != BenefitKind.HOUSING_SUPPORT) {
                assertThat(BenefitEligibility.decide(kind, history, date).eligible()).as(kind.name()).isTrue();
            }
        }
    }
}
