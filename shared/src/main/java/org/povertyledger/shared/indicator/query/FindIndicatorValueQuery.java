package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.indicator.value.FigureBasis;

/**
 * The value of one indicator for one unit and year, with its progress against the target.
 *
 * @param basis which review figures count ({@code null}: {@link FigureBasis#RECORDED})
 */
public record FindIndicatorValueQuery(String indicatorCode, String unitCode, int year, LocalDate asOf,
                                      AsKnownAt knownAt, LocalDate mapDate, FigureBasis basis) {

    public FindIndicatorValueQuery {
        basis = basis == null ? FigureBasis.RECORDED : basis;
    }

    /** The value as recorded. */
    public FindIndicatorValueQuery(String indicatorCode, String unitCode, int year, LocalDate asOf,
                                   AsKnownAt knownAt, LocalDate mapDate) {
        this(indicatorCode, unitCode, year, asOf, knownAt, mapDate, FigureBasis.RECORDED);
    }
}
