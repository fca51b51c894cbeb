package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.indicator.value.FigureBasis;

/**
 * The yearly series of one indicator for one unit, {@code fromYear} to {@code toYear} inclusive.
 *
 * @param approval which review figures count ({@code null}: {@link FigureBasis#RECORDED})
 * @param basis which outcomes count ({@code null}: {@link IndicatorBasis#AS_DECIDED})
 */
public record FindIndicatorSeriesQuery(String indicatorCode, String unitCode, int fromYear, int toYear,
                                       LocalDate asOf, AsKnownAt knownAt, LocalDate mapDate, FigureBasis approval,
                                       IndicatorBasis basis) {

    public FindIndicatorSeriesQuery {
        approval = approval == null ? FigureBasis.RECORDED : approval;
        basis = basis == null ? IndicatorBasis.AS_DECIDED : basis;
    }

    /** The series as recorded and decided. */
    public FindIndicatorSeriesQuery(String indicatorCode, String unitCode, int fromYear, int toYear,
                                    LocalDate asOf, AsKnownAt knownAt, LocalDate mapDate) {
        this(indicatorCode, unitCode, fromYear, toYear, asOf, knownAt, mapDate, FigureBasis.RECORDED,
                IndicatorBasis.AS_DECIDED);
    }
}
