package org.povertyledger.shared.indicator.query;

import java.time.Instant;
import java.util.List;

import org.povertyledger.shared.indicator.value.FigureBasis;

/**
 * An indicator's yearly values for one unit, oldest first.
 *
 * @param basis the figures counted (see {@link IndicatorValueView#basis()}); each point names what it left out
 */
public record IndicatorSeriesView(String indicatorCode, String unitCode, FigureBasis basis,
                                  List<IndicatorValueView> points, long position, Instant recordedAt) {
}
