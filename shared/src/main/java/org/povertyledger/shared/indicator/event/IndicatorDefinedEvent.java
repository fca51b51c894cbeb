package org.povertyledger.shared.indicator.event;

import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

/** An indicator entered the catalogue. {@code measure} is {@code null} for a REPORTED indicator. */
public record IndicatorDefinedEvent(IndicatorCode indicatorCode, String name, UnitOfMeasure unitOfMeasure,
                                    Direction direction, IndicatorKind kind, DerivedMeasure measure) {
}
