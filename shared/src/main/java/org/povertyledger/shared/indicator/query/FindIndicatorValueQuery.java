package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;

/** The value of one indicator for one unit and year, with its progress against the target. */
public record FindIndicatorValueQuery(String indicatorCode, String unitCode, int year, LocalDate asOf,
                                      AsKnownAt knownAt, LocalDate mapDate) {
}
