package org.povertyledger.shared.geography.query;

import java.time.LocalDate;

/**
 * A step of a lineage: a unit merged into another on a date.
 *
 * @param fromCode the unit that ceased
 * @param toCode the unit it was merged into
 */
public record LineageLink(String fromCode, String toCode, LocalDate effectiveDate) {
}
