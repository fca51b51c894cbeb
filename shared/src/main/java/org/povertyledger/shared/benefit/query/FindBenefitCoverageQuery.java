package org.povertyledger.shared.benefit.query;

import java.time.LocalDate;

import org.povertyledger.shared.access.UnitScope;

/**
 * Benefit coverage per commune in a year.
 *
 * <p>Households are placed in the commune and target group they had on the reference date: 31 December of
 * {@code year}, or {@code asOf} when that is earlier. Benefits count when dated in {@code year} (a health-insurance
 * card when its coverage year is {@code year}) and, with {@code asOf}, not after it.
 *
 * @param communeCode one commune, or {@code null} for every commune
 * @param asOf the valid date to answer for, or {@code null}
 * @param scope the communes the asking user may see: units and total count only households placed in them
 */
public record FindBenefitCoverageQuery(int year, String communeCode, LocalDate asOf, UnitScope scope) {

    public FindBenefitCoverageQuery {
        scope = scope == null ? UnitScope.nationalScope() : scope;
    }

    /** Coverage over every commune (tools and tests that run without a user). */
    public FindBenefitCoverageQuery(int year, String communeCode, LocalDate asOf) {
        this(year, communeCode, asOf, UnitScope.nationalScope());
    }
}
