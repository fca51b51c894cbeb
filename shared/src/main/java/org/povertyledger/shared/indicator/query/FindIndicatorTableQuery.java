package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;

/**
 * One indicator for the children of {@code parentCode} (and the parent itself as a total row) for a year,
 * ranked best first in the indicator's direction.
 */
public record FindIndicatorTableQuery(String indicatorCode, String parentCode, int year, LocalDate asOf,
                                      AsKnownAt knownAt, LocalDate mapDate, IndicatorBasis basis) {

    public FindIndicatorTableQuery {
        basis = basis == null ? IndicatorBasis.AS_DECIDED : basis;
    }

    /** The table as decided. */
    public FindIndicatorTableQuery(String indicatorCode, String parentCode, int year, LocalDate asOf,
                                   AsKnownAt knownAt, LocalDate mapDate) {
        this(indicatorCode, parentCode, year, asOf, knownAt, mapDate, IndicatorBasis.AS_DECIDED);
    }
}
