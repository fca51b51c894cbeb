package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.indicator.value.FigureBasis;

/**
 * The yearly series of one indicator for one unit, {@code fromYear} to {@code toYear} inclusive.
 *
 * @param basis which review figures count ({@code null}: {@link FigureBasis#RECORDED})
 */
public record FindIndicatorSeriesQuery(String indicatorCode, String unitCode, int fromYear, int toYear,
                                       LocalDate asOf, AsKnownAt knownAt, LocalDate mapDate, FigureBasis basis) {

    public FindIndicatorSeriesQuery {
        basis = basis == null ? FigureBasis.RECORDED : basis;
    }

    /** The series as recorded. */
    public FindIndicatorSeriesQuery(String indicatorCode, String unitCode, int fromYear, int toYear,
                                    LocalDate asOf, AsKnownAt knownAt, LocalDate mapDate) {
        this(indicatorCode, unitCode, fromYear, toYear, asOf, knownAt, mapDate, FigureBasis.RECORDED);
    }
}
