package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;

/** The yearly series of one indicator for one unit, {@code fromYear} to {@code toYear} inclusive. */
public record FindIndicatorSeriesQuery(String indicatorCode, String unitCode, int fromYear, int toYear,
                                       LocalDate asOf, AsKnownAt knownAt, LocalDate mapDate,
                                       IndicatorBasis basis) {

    public FindIndicatorSeriesQuery {
        basis = basis == null ? IndicatorBasis.AS_DECIDED : basis;
    }

    /** The series as decided. */
    public FindIndicatorSeriesQuery(String indicatorCode, String unitCode, int fromYear, int toYear,
                                    LocalDate asOf, AsKnownAt knownAt, LocalDate mapDate) {
        this(indicatorCode, unitCode, fromYear, toYear, asOf, knownAt, mapDate, IndicatorBasis.AS_DECIDED);
    }
}
