package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;

/** The yearly series of one indicator for one unit, {@code fromYear} to {@code toYear} inclusive. */
public record FindIndicatorSeriesQuery(String indicatorCode, String unitCode, int fromYear, int toYear,
                                       LocalDate asOf, AsKnownAt knownAt, LocalDate mapDate) {
}
