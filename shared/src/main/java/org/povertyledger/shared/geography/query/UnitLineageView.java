package org.povertyledger.shared.geography.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.povertyledger.shared.geography.value.UnitLevel;

/**
 * A unit's history and lineage.
 *
 * @param validTo the first day the unit no longer exists ({@code null} while it exists)
 * @param endReason MERGED or DISSOLVED, {@code null} while it exists
 * @param predecessors every merge that led into this unit, transitively, oldest first
 * @param successors the chain of merges this unit went into, in order
 * @param position the log position the answer reflects
 */
public record UnitLineageView(String unitCode, UnitLevel level, LocalDate validFrom, LocalDate validTo,
                              String endReason, List<DatedValue> names, List<DatedValue> parents,
                              List<LineageLink> predecessors, List<LineageLink> successors, long position,
                              Instant recordedAt) {
}
