package org.povertyledger.shared.benefit.query;

import java.util.List;

/**
 * Coverage in one commune (or in total, with a {@code null} commune).
 *
 * @param households registered households in the commune on the reference date
 * @param healthInsuranceOfPoor POOR households holding a health-insurance card for the year
 * @param preferentialLoanOfEligible POOR, NEAR_POOR and newly escaped households with a preferential loan dated in
 *        the year
 * @param benefits households reached and benefits recorded per kind in the year
 */
public record BenefitCoverageUnit(
        String communeCode,
        int households,
        int poor,
        int nearPoor,
        int newlyEscaped,
        Coverage healthInsuranceOfPoor,
        Coverage preferentialLoanOfEligible,
        List<BenefitKindCount> benefits) {
}
