package org.povertyledger.shared.indicator.query;

import java.time.Instant;
import java.util.List;

/** An indicator's yearly values for one unit, oldest first. */
public record IndicatorSeriesView(String indicatorCode, String unitCode, List<IndicatorValueView> points,
                                  long position, Instant recordedAt) {
}
