package org.povertyledger.shared.geography.query;

import org.povertyledger.shared.common.AsKnownAt;

/** A unit's history both ways: what it came from (merged into it) and what it became (merged into). */
public record FindUnitLineageQuery(String unitCode, AsKnownAt knownAt) {
}
