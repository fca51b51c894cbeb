package org.povertyledger.shared.indicator.query;

import org.povertyledger.shared.indicator.value.Target;

/** A target of an indicator for a unit and target year, with its legal basis and where it was recorded. */
public record TargetView(String unitCode, int year, Target target, String legalBasis, long position) {
}
