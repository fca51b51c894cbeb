package org.povertyledger.shared.indicator.command;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.indicator.value.IndicatorCode;

/**
 * Corrects a recorded observation. The recording stays in the log; the correction names it.
 *
 * @param observationId the event id of the observation's recording
 */
public record CorrectObservationCommand(@TargetAggregateIdentifier IndicatorCode indicatorCode, String observationId,
                                        BigDecimal value, String source, LocalDate effectiveDate, String reason) {

    public CorrectObservationCommand {
        Require.present("indicatorCode", indicatorCode);
        observationId = Require.text("observationId", observationId, 64);
        Require.present("value", value);
        source = Require.text("source", source, 300);
        Require.present("effectiveDate", effectiveDate);
        reason = Require.text("reason", reason, 1000);
    }
}
