package org.povertyledger.shared.benefit.policy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.TargetGroup;
import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * Who may receive which benefit, decided from the household's status history at the benefit date.
 *
 * <ul>
 * <li>{@code HOUSING_SUPPORT}: POOR or NEAR_POOR on the date (Project 5 of Decision 90/QD-TTg).</li>
 * <li>Every other kind: POOR, NEAR_POOR, or newly escaped on the date (policy credit under Decree 78/2002 and
 * Decision 28/2015/QD-TTg, health insurance, Projects 2-4).</li>
 * </ul>
 *
 * <p>Newly escaped: above the line on the date, having moved from POOR or NEAR_POOR to above the line less than
 * {@value #NEWLY_ESCAPED_YEARS} years before it. The status on a date is that of the assessment with the latest
 * effective date on or before it; the history is given in that precedence order (effective date, then recording
 * order). The policy does not know ethnicity or especially difficult areas, so the groups that qualify on those
 * grounds alone are not covered.
 */
public final class BenefitEligibility {

    /** Years after escaping during which a household still counts as newly escaped. */
    public static final int NEWLY_ESCAPED_YEARS = 3;

    private static final Set<TargetGroup> POOR_OR_NEAR_POOR = EnumSet.of(TargetGroup.POOR, TargetGroup.NEAR_POOR);
    private static final Set<TargetGroup> POOR_NEAR_POOR_OR_NEWLY_ESCAPED =
            EnumSet.of(TargetGroup.POOR, TargetGroup.NEAR_POOR, TargetGroup.NEWLY_ESCAPED);

    private BenefitEligibility() {
    }

    /** One assessment outcome in a household's history. */
    public record DatedStatus(LocalDate effectiveDate, PovertyStatus status) {
    }

    /**
     * The outcome of an eligibility check.
     *
     * @param rule the name of the rule applied, e.g. {@code housing-support:poor-or-near-poor}
     * @param statusOnDate the household's status on the benefit date
     * @param group the household's target group on the benefit date
     * @param eligibleGroups the groups the rule admits
     */
    public record Decision(boolean eligible, String rule, PovertyStatus statusOnDate, TargetGroup group,
                           Set<TargetGroup> eligibleGroups) {
    }

    /** Decides whether a household with {@code history} may receive {@code kind} on {@code date}. */
    public static Decision decide(BenefitKind kind, List<DatedStatus> history, LocalDate date) {
        TargetGroup group = groupOn(history, date);
        Set<TargetGroup> groups = eligibleGroups(kind);
        return new Decision(groups.contains(group), rule(kind), statusOn(history, date), group, groups);
    }

    /** The name of the rule for {@code kind}. */
    public static String rule(BenefitKind kind) {
        return switch (kind) {
            case HOUSING_SUPPORT -> "housing-support:poor-or-near-poor";
            case HEALTH_INSURANCE_CARD -> "health-insurance:poor-near-poor-or-newly-escaped";
            case PREFERENTIAL_LOAN -> "preferential-loan:poor-near-poor-or-newly-escaped";
            case VOCATIONAL_TRAINING -> "vocational-training:poor-near-poor-or-newly-escaped";
            case CONTRACT_WORK_ABROAD -> "contract-work-abroad:poor-near-poor-or-newly-escaped";
            case PRODUCTION_SUPPORT -> "production-support:poor-near-poor-or-newly-escaped";
        };
    }

    /** The target groups that may receive {@code kind}. */
    public static Set<TargetGroup> eligibleGroups(BenefitKind kind) {
        return kind == BenefitKind.HOUSING_SUPPORT ? POOR_OR_NEAR_POOR : POOR_NEAR_POOR_OR_NEWLY_ESCAPED;
    }

    /** The status on {@code date}: of the last entry in effect by then, or UNASSESSED. */
    public static PovertyStatus statusOn(List<DatedStatus> history, LocalDate date) {
        PovertyStatus status = PovertyStatus.UNASSESSED;
        for (DatedStatus entry : history) {
            if (!entry.effectiveDate().isAfter(date)) {
                status = entry.status();
            }
        }
        return status;
    }

    /** The target group on {@code date}. */
    public static TargetGroup groupOn(List<DatedStatus> history, LocalDate date) {
        PovertyStatus status = PovertyStatus.UNASSESSED;
        LocalDate escaped = null;
        for (DatedStatus entry : history) {
            if (entry.effectiveDate().isAfter(date)) {
                continue;
            }
            if (status.isPoorOrNearPoor() && aboveLine(entry.status())) {
                escaped = entry.effectiveDate();
            } else if (entry.status().isPoorOrNearPoor()) {
                escaped = null;
            }
            status = entry.status();
        }
        return switch (status) {
            case POOR -> TargetGroup.POOR;
            case NEAR_POOR -> TargetGroup.NEAR_POOR;
            case UNASSESSED -> TargetGroup.UNASSESSED;
            case NOT_POOR, AVERAGE_LIVING_STANDARD ->
                    escaped != null && date.isBefore(escaped.plusYears(NEWLY_ESCAPED_YEARS))
                            ? TargetGroup.NEWLY_ESCAPED : TargetGroup.OTHER;
        };
    }

    private static boolean aboveLine(PovertyStatus status) {
        return status == PovertyStatus.NOT_POOR || status == PovertyStatus.AVERAGE_LIVING_STANDARD;
    }
}
