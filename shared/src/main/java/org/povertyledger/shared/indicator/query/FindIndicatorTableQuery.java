package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.indicator.value.FigureBasis;

/**
 * One indicator for the children of {@code parentCode} (and the parent itself as a total row) for a year,
 * ranked best first in the indicator's direction.
 *
 * @param approval which review figures count ({@code null}: {@link FigureBasis#RECORDED})
 * @param basis which outcomes count ({@code null}: {@link IndicatorBasis#AS_DECIDED})
 */
public record FindIndicatorTableQuery(String indicatorCode, String parentCode, int year, LocalDate asOf,
                                      AsKnownAt knownAt, LocalDate mapDate, FigureBasis approval,
                                      IndicatorBasis basis) {

    public FindIndicatorTableQuery {
        approval = approval == null ? FigureBasis.RECORDED : approval;
        basis = basis == null ? IndicatorBasis.AS_DECIDED : basis;
    }

    /** The table as recorded and decided. */
    public FindIndicatorTableQuery(String indicatorCode, String parentCode, int year, LocalDate asOf,
                                   AsKnownAt knownAt, LocalDate mapDate) {
        this(indicatorCode, parentCode, year, asOf, knownAt, mapDate, FigureBasis.RECORDED,
                IndicatorBasis.AS_DECIDED);
    }

    /** The same table with other review figures and outcomes counted. */
    public FindIndicatorTableQuery on(FigureBasis otherApproval, IndicatorBasis otherBasis) {
        return new FindIndicatorTableQuery(indicatorCode, parentCode, year, asOf, knownAt, mapDate, otherApproval,
                otherBasis);
    }

    /** Only the review figures asked for, as decided. */
    public FindIndicatorTableQuery(String indicatorCode, String parentCode, int year, LocalDate asOf,
                                   AsKnownAt knownAt, LocalDate mapDate, FigureBasis approval) {
        this(indicatorCode, parentCode, year, asOf, knownAt, mapDate, approval, IndicatorBasis.AS_DECIDED);
    }

    /** Every review figure recorded, with the outcomes asked for. */
    public FindIndicatorTableQuery(String indicatorCode, String parentCode, int year, LocalDate asOf,
                                   AsKnownAt knownAt, LocalDate mapDate, IndicatorBasis basis) {
        this(indicatorCode, parentCode, year, asOf, knownAt, mapDate, FigureBasis.RECORDED, basis);
    }
}
