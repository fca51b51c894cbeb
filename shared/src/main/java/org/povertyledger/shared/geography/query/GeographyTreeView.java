package org.povertyledger.shared.geography.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The administrative tree on a date.
 *
 * @param roots units without a parent on that date (provinces)
 * @param position the log position the answer reflects
 * @param recordedAt when the latest event it reflects was recorded ({@code null} when none)
 */
public record GeographyTreeView(LocalDate asOf, List<UnitNode> roots, long position, Instant recordedAt) {
}
