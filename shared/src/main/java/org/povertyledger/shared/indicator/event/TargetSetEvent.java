package org.povertyledger.shared.indicator.event;

import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.Target;

/** The target of an indicator for a unit and target year; replaces an earlier one for the same three. */
public record TargetSetEvent(IndicatorCode indicatorCode, UnitCode unitCode, int year, Target target,
                             String legalBasis) {
}
