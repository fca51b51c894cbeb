package org.povertyledger.command.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.povertyledger.shared.audit.value.ReplayOutcome;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.rulebook.Classification;
import org.povertyledger.shared.rulebook.Rulebook;
import org.povertyledger.shared.rulebook.RulebookRegistry;

/**
 * Re-runs one recorded decision with the rulebook and version it names, on the inputs it recorded, and says
 * whether the recorded outcome follows. Pure: the same decision and registry always give the same verdict.
 */
final class DecisionCheck {

    /** Criteria a divergence can name. */
    enum Criterion {
        /** The recorded status is not the one the rulebook gives. */
        STATUS,
        /** The recorded deprivation count is not the number of recorded indicator codes the rulebook counts. */
        DEPRIVATION_COUNT,
        /** A recorded deprivation code is not an indicator of the named rulebook. */
        INDICATOR,
        /** The recorded inputs cannot be classified at all (e.g. a negative income). */
        INPUTS,
        /** The named rulebook does not cover the decision's review year. */
        RULEBOOK_PERIOD
    }

    /**
     * What the status difference turns on: which side of the income line the household is on, the deprivation
     * threshold below the line, or the average-living-standard limit above it.
     */
    enum StatusRule { INCOME_VS_LINE, DEPRIVATION_THRESHOLD, AVERAGE_LIVING_LIMIT, OTHER }

    /**
     * One criterion on which the recorded decision and the re-run differ.
     *
     * @param rule for {@link Criterion#STATUS}, what the difference turns on; otherwise null
     */
    record Difference(Criterion criterion, Object recorded, Object replayed, StatusRule rule, String detail) {
    }

    /** The verdict on one decision; {@code replayed} is null when the rulebook is unknown or refused the inputs. */
    record Verdict(ReplayOutcome outcome, Classification replayed, List<Difference> differences) {
    }

    private DecisionCheck() {
    }

    static Verdict check(RecordedDecision decision, RulebookRegistry registry) {
        Optional<Rulebook> found = registry.find(decision.rulebookId(), decision.rulebookVersion());
        if (found.isEmpty()) {
            return new Verdict(ReplayOutcome.UNKNOWN_RULEBOOK, null, List.of());
        }
        Rulebook rulebook = found.get();
        List<Difference> differences = new ArrayList<>();
        if (!rulebook.appliesTo(decision.reviewYear())) {
            differences.add(new Difference(Criterion.RULEBOOK_PERIOD, decision.reviewYear(),
                    rulebook.firstReviewYear() + "-" + rulebook.lastReviewYear(), null,
                    name(rulebook) + " covers review years " + rulebook.firstReviewYear() + "-"
                            + rulebook.lastReviewYear() + ", not " + decision.reviewYear()));
        }
        Classification replayed;
        try {
            replayed = rulebook.classify(decision.inputs());
        } catch (DomainException refused) {
            differences.add(refusal(refused, decision));
            return new Verdict(ReplayOutcome.DIVERGES, null, List.copyOf(differences));
        }
        if (replayed.deprivationCount() != decision.deprivationCount()) {
            differences.add(new Difference(Criterion.DEPRIVATION_COUNT, decision.deprivationCount(),
                    replayed.deprivationCount(), null,
                    "the decision records " + decision.deprivationCount() + " deprivations but its indicators "
                            + decision.deprivations() + " count " + replayed.deprivationCount()));
        }
        if (replayed.status() != decision.status()) {
            StatusRule rule = statusRule(decision.status(), replayed.status());
            differences.add(new Difference(Criterion.STATUS, decision.status(), replayed.status(), rule,
                    explain(rule, decision, replayed, rulebook)));
        }
        return new Verdict(differences.isEmpty() ? ReplayOutcome.AGREES : ReplayOutcome.DIVERGES, replayed,
                List.copyOf(differences));
    }

    private static Difference refusal(DomainException refused, RecordedDecision decision) {
        if (refused.code() == ErrorCode.UNKNOWN_DEPRIVATION) {
            return new Difference(Criterion.INDICATOR, refused.details().get("rejected"), null, null,
                    refused.getMessage());
        }
        return new Difference(Criterion.INPUTS, decision.income(), null, null,
                "the rulebook refuses the recorded inputs: " + refused.getMessage());
    }

    static StatusRule statusRule(PovertyStatus recorded, PovertyStatus replayed) {
        if (recorded == PovertyStatus.UNASSESSED || replayed == PovertyStatus.UNASSESSED) {
            return StatusRule.OTHER;
        }
        if (recorded.isPoorOrNearPoor() != replayed.isPoorOrNearPoor()) {
            return StatusRule.INCOME_VS_LINE;
        }
        return recorded.isPoorOrNearPoor() ? StatusRule.DEPRIVATION_THRESHOLD : StatusRule.AVERAGE_LIVING_LIMIT;
    }

    private static String explain(StatusRule rule, RecordedDecision decision, Classification replayed,
                                  Rulebook rulebook) {
        String side = decision.income() <= replayed.incomeLine() ? "at or below" : "above";
        String facts = "income " + decision.income() + " is " + side + " the line " + replayed.incomeLine() + " ("
                + decision.area() + "), " + replayed.deprivationCount() + " deprivations, livelihood "
                + decision.livelihood();
        String why = switch (rule) {
            case INCOME_VS_LINE -> "the decision puts the household on the other side of the income line";
            case DEPRIVATION_THRESHOLD -> "the decision disagrees on the deprivation threshold";
            case AVERAGE_LIVING_LIMIT -> "the decision disagrees on the average-living-standard limit";
            case OTHER -> "the recorded status is not one a rulebook gives";
        };
        return why + ": " + facts + "; " + name(rulebook) + " gives " + replayed.status() + ", the decision records "
                + decision.status();
    }

    private static String name(Rulebook rulebook) {
        return rulebook.id() + " v" + rulebook.version();
    }
}
