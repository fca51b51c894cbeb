package org.povertyledger.shared.geography.query;

import java.time.LocalDate;

import org.povertyledger.shared.common.AsKnownAt;

/**
 * The units valid on {@code asOf}, nested under their parents of that date, as known at {@code knownAt}.
 *
 * @param asOf the valid date; {@code null} for today's map
 */
public record FindGeographyTreeQuery(LocalDate asOf, AsKnownAt knownAt) {
}
