package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;

/** The value of one indicator for one unit and year, with its progress against the target. */
public record FindIndicatorValueQuery(String indicatorCode, String unitCode, int year, LocalDate asOf,
                                      AsKnownAt knownAt, LocalDate mapDate, IndicatorBasis basis) {

    public FindIndicatorValueQuery {
        basis = basis == null ? IndicatorBasis.AS_DECIDED : basis;
    }

    /** The value as decided. */
    public FindIndicatorValueQuery(String indicatorCode, String unitCode, int year, LocalDate asOf,
                                   AsKnownAt knownAt, LocalDate mapDate) {
        this(indicatorCode, unitCode, year, asOf, knownAt, mapDate, IndicatorBasis.AS_DECIDED);
    }
}
