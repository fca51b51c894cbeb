package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.indicator.value.FigureBasis;

/**
 * The value of one indicator for one unit and year, with its progress against the target.
 *
 * @param approval which review figures count ({@code null}: {@link FigureBasis#RECORDED})
 * @param basis which outcomes count ({@code null}: {@link IndicatorBasis#AS_DECIDED})
 */
public record FindIndicatorValueQuery(String indicatorCode, String unitCode, int year, LocalDate asOf,
                                      AsKnownAt knownAt, LocalDate mapDate, FigureBasis approval,
                                      IndicatorBasis basis) {

    public FindIndicatorValueQuery {
        approval = approval == null ? FigureBasis.RECORDED : approval;
        basis = basis == null ? IndicatorBasis.AS_DECIDED : basis;
    }

    /** The value as recorded and decided. */
    public FindIndicatorValueQuery(String indicatorCode, String unitCode, int year, LocalDate asOf,
                                   AsKnownAt knownAt, LocalDate mapDate) {
        this(indicatorCode, unitCode, year, asOf, knownAt, mapDate, FigureBasis.RECORDED, IndicatorBasis.AS_DECIDED);
    }

    /** Only the review figures asked for, as decided. */
    public FindIndicatorValueQuery(String indicatorCode, String unitCode, int year, LocalDate asOf,
                                   AsKnownAt knownAt, LocalDate mapDate, FigureBasis approval) {
        this(indicatorCode, unitCode, year, asOf, knownAt, mapDate, approval, IndicatorBasis.AS_DECIDED);
    }

    /** Every review figure recorded, with the outcomes asked for. */
    public FindIndicatorValueQuery(String indicatorCode, String unitCode, int year, LocalDate asOf,
                                   AsKnownAt knownAt, LocalDate mapDate, IndicatorBasis basis) {
        this(indicatorCode, unitCode, year, asOf, knownAt, mapDate, FigureBasis.RECORDED, basis);
    }
}
