package org.povertyledger.shared.indicator.query;

import java.time.Instant;
import java.util.List;

/**
 * The indicator catalogue.
 *
 * @param position the log position the answer reflects
 * @param recordedAt when the latest event it reflects was recorded
 */
public record IndicatorCatalogueView(List<IndicatorSummary> indicators, long position, Instant recordedAt) {
}
