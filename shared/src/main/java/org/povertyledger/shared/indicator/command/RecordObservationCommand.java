package org.povertyledger.shared.indicator.command;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.indicator.value.IndicatorCode;

/**
 * Records a reported indicator's value for a unit and year.
 *
 * @param source where the figure comes from (a report, a survey)
 * @param effectiveDate the date the value holds from
 */
public record RecordObservationCommand(@TargetAggregateIdentifier IndicatorCode indicatorCode, UnitCode unitCode,
                                       int year, BigDecimal value, String source, LocalDate effectiveDate) {

    public RecordObservationCommand {
        Require.present("indicatorCode", indicatorCode);
        Require.present("unitCode", unitCode);
        Require.range("year", year, 2000, 2100);
        Require.present("value", value);
        source = Require.text("source", source, 300);
        Require.present("effectiveDate", effectiveDate);
    }
}
