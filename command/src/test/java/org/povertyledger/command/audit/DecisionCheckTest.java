package org.povertyledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.povertyledger.command.audit.DecisionCheck.Criterion;
import org.povertyledger.command.audit.DecisionCheck.StatusRule;
import org.povertyledger.command.audit.DecisionCheck.Verdict;
import org.povertyledger.shared.audit.value.ReplayOutcome;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.rulebook.Decree07Rulebook;
import org.povertyledger.shared.rulebook.RulebookRegistry;

class DecisionCheckTest {

    private static final RulebookRegistry NATIONAL = RulebookRegistry.national();
    private static final Set<String> FOUR = Set.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER",
            "TELECOM_USE");

    private static RecordedDecision decision(int year, long income, Set<String> deprivations, String rulebook,
                                             int version, PovertyStatus status, int count) {
        return new RecordedDecision(42, "event-1", RecordedDecision.Kind.ASSESSMENT, "HH-1", "24541", "Buon Jun",
                "event-1", year, ReviewKind.PERIODIC, LocalDate.of(year, 10, 15), Area.RURAL, income, Livelihood.OTHER,
                new TreeSet<>(deprivations), rulebook, version, status, count, "QD-1/UBND",
                LocalDate.of(year, 12, 15), "officer", Instant.parse("2024-12-15T00:00:00Z"));
    }

    @Test
    void agreesWhenTheRecordedRulebookGivesTheRecordedOutcome() {
        Verdict verdict = DecisionCheck.check(decision(2024, 1_200_000, FOUR, Decree07Rulebook.ID, 1,
                PovertyStatus.POOR, 4), NATIONAL);
        assertThat(verdict.outcome()).isEqualTo(ReplayOutcome.AGREES);
        assertThat(verdict.differences()).isEmpty();
        assertThat(verdict.replayed().status()).isEqualTo(PovertyStatus.POOR);
    }

    @Test
    void divergesOnTheIncomeLineWhenAHouseholdAboveItIsRecordedPoor() {
        Verdict verdict = DecisionCheck.check(decision(2024, 3_000_000, FOUR, Decree07Rulebook.ID, 1,
                PovertyStatus.POOR, 4), NATIONAL);
        assertThat(verdict.outcome()).isEqualTo(ReplayOutcome.DIVERGES);
        assertThat(verdict.differences()).singleElement().satisfies(d -> {
            assertThat(d.criterion()).isEqualTo(Criterion.STATUS);
            assertThat(d.rule()).isEqualTo(StatusRule.INCOME_VS_LINE);
            assertThat(d.recorded()).isEqualTo(PovertyStatus.POOR);
            assertThat(d.replayed()).isEqualTo(PovertyStatus.NOT_POOR);
            assertThat(d.detail()).contains("3000000", "above", "1500000");
        });
    }

    @Test
    void divergesOnTheDeprivationThresholdBelowTheLine() {
        Verdict verdict = DecisionCheck.check(decision(2024, 1_200_000, Set.of("TELECOM_USE"), Decree07Rulebook.ID,
                1, PovertyStatus.POOR, 1), NATIONAL);
        assertThat(verdict.differences()).singleElement().satisfies(d -> {
            assertThat(d.criterion()).isEqualTo(Criterion.STATUS);
            assertThat(d.rule()).isEqualTo(StatusRule.DEPRIVATION_THRESHOLD);
            assertThat(d.replayed()).isEqualTo(PovertyStatus.NEAR_POOR);
        });
    }

    @Test
    void divergesOnTheDeprivationCountWhenItDoesNotMatchTheRecordedIndicators() {
        Verdict verdict = DecisionCheck.check(decision(2024, 1_200_000, FOUR, Decree07Rulebook.ID, 1,
                PovertyStatus.POOR, 6), NATIONAL);
        assertThat(verdict.outcome()).isEqualTo(ReplayOutcome.DIVERGES);
        assertThat(verdict.differences()).extracting(DecisionCheck.Difference::criterion)
                .containsExactly(Criterion.DEPRIVATION_COUNT);
        assertThat(verdict.differences().get(0).recorded()).isEqualTo(6);
        assertThat(verdict.differences().get(0).replayed()).isEqualTo(4);
    }

    @Test
    void namesTheIndicatorTheRecordedRulebookDoesNotDefine() {
        Verdict verdict = DecisionCheck.check(decision(2024, 1_200_000, Set.of("INFORMATION_ASSETS", "TELECOM_USE"),
                Decree07Rulebook.ID, 1, PovertyStatus.NEAR_POOR, 2), NATIONAL);
        assertThat(verdict.outcome()).isEqualTo(ReplayOutcome.DIVERGES);
        assertThat(verdict.replayed()).isNull();
        assertThat(verdict.differences()).singleElement().satisfies(d -> {
            assertThat(d.criterion()).isEqualTo(Criterion.INDICATOR);
            assertThat(d.recorded()).isEqualTo("INFORMATION_ASSETS");
        });
    }

    @Test
    void reportsAnUnregisteredRulebookAsUnknownRatherThanAVerdict() {
        Verdict verdict = DecisionCheck.check(decision(2024, 1_200_000, FOUR, "VN-PROVINCE-66-2024", 1,
                PovertyStatus.POOR, 4), NATIONAL);
        assertThat(verdict.outcome()).isEqualTo(ReplayOutcome.UNKNOWN_RULEBOOK);
        assertThat(DecisionCheck.check(decision(2024, 1_200_000, FOUR, Decree07Rulebook.ID, 2,
                PovertyStatus.POOR, 4), NATIONAL).outcome()).isEqualTo(ReplayOutcome.UNKNOWN_RULEBOOK);
    }

    @Test
    void divergesWhenTheNamedRulebookDoesNotCoverTheReviewYear() {
        Verdict verdict = DecisionCheck.check(decision(2019, 1_200_000, FOUR, Decree07Rulebook.ID, 1,
                PovertyStatus.POOR, 4), NATIONAL);
        assertThat(verdict.outcome()).isEqualTo(ReplayOutcome.DIVERGES);
        assertThat(verdict.differences()).extracting(DecisionCheck.Difference::criterion)
                .containsExactly(Criterion.RULEBOOK_PERIOD);
    }

    @Test
    void divergesWhenTheRecordedInputsCannotBeClassified() {
        Verdict verdict = DecisionCheck.check(decision(2024, -5, FOUR, Decree07Rulebook.ID, 1,
                PovertyStatus.POOR, 4), NATIONAL);
        assertThat(verdict.outcome()).isEqualTo(ReplayOutcome.DIVERGES);
        assertThat(verdict.differences()).extracting(DecisionCheck.Difference::criterion)
                .containsExactly(Criterion.INPUTS);
    }

    @Test
    void namesTheAverageLivingLimitAboveTheLine() {
        assertThat(DecisionCheck.statusRule(PovertyStatus.NOT_POOR, PovertyStatus.AVERAGE_LIVING_STANDARD))
                .isEqualTo(StatusRule.AVERAGE_LIVING_LIMIT);
        assertThat(List.of(DecisionCheck.statusRule(PovertyStatus.NEAR_POOR, PovertyStatus.AVERAGE_LIVING_STANDARD)))
                .containsExactly(StatusRule.INCOME_VS_LINE);
    }
}
