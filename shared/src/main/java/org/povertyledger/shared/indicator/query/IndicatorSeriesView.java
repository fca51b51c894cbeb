package org.povertyledger.shared.indicator.query;

import java.time.Instant;
import java.util.List;

import org.povertyledger.shared.indicator.value.FigureBasis;

/**
 * An indicator's yearly values for one unit, oldest first.
 *
 * @param approval the review figures counted (see {@link IndicatorValueView#approval()}); each point names what it
 *        left out, and each point's {@code basis} the outcomes it counted
 */
public record IndicatorSeriesView(String indicatorCode, String unitCode, FigureBasis approval,
                                  List<IndicatorValueView> points, long position, Instant recordedAt) {
}
