package org.povertyledger.shared.benefit.query;

import java.time.LocalDate;
import java.util.List;

/**
 * Benefit coverage per commune in a year, and over all communes.
 *
 * @param referenceDate the date households' communes and target groups are taken on
 * @param position the highest log position reflected
 */
public record BenefitCoverageView(
        int year,
        LocalDate asOf,
        LocalDate referenceDate,
        List<BenefitCoverageUnit> units,
        BenefitCoverageUnit total,
        long position) {
}
