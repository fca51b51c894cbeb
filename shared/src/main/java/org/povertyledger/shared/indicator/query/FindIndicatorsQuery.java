package org.povertyledger.shared.indicator.query;

import org.povertyledger.shared.common.AsKnownAt;

/** The indicator catalogue with every target, as known at {@code knownAt}. */
public record FindIndicatorsQuery(AsKnownAt knownAt) {
}
