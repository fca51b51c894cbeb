package org.povertyledger.shared.indicator.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.Target;

/**
 * Sets (or replaces) the target of an indicator for a unit and target year.
 *
 * @param legalBasis the plan or decision the target comes from
 */
public record SetTargetCommand(@TargetAggregateIdentifier IndicatorCode indicatorCode, UnitCode unitCode, int year,
                               Target target, String legalBasis) {

    public SetTargetCommand {
        Require.present("indicatorCode", indicatorCode);
        Require.present("unitCode", unitCode);
        Require.range("year", year, 2000, 2100);
        Require.present("target", target);
        legalBasis = Require.text("legalBasis", legalBasis, 100);
    }
}
