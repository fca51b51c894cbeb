package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.indicator.value.FigureBasis;

/**
 * One indicator for the children of {@code parentCode} (and the parent itself as a total row) for a year,
 * ranked best first in the indicator's direction.
 *
 * @param basis which review figures count ({@code null}: {@link FigureBasis#RECORDED})
 */
public record FindIndicatorTableQuery(String indicatorCode, String parentCode, int year, LocalDate asOf,
                                      AsKnownAt knownAt, LocalDate mapDate, FigureBasis basis) {

    public FindIndicatorTableQuery {
        basis = basis == null ? FigureBasis.RECORDED : basis;
    }

    /** The same table on another basis. */
    public FindIndicatorTableQuery withBasis(FigureBasis other) {
        return new FindIndicatorTableQuery(indicatorCode, parentCode, year, asOf, knownAt, mapDate, other);
    }

    /** The table as recorded. */
    public FindIndicatorTableQuery(String indicatorCode, String parentCode, int year, LocalDate asOf,
                                   AsKnownAt knownAt, LocalDate mapDate) {
        this(indicatorCode, parentCode, year, asOf, knownAt, mapDate, FigureBasis.RECORDED);
    }
}
