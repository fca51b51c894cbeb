package org.povertyledger.shared.indicator.query;

import java.util.List;

import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

/** One indicator of the catalogue and its targets. */
public record IndicatorSummary(String indicatorCode, String name, UnitOfMeasure unitOfMeasure, Direction direction,
                               IndicatorKind kind, DerivedMeasure measure, List<TargetView> targets) {
}
