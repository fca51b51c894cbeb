package org.povertyledger.command.demo;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.povertyledger.shared.indicator.command.CorrectObservationCommand;
import org.povertyledger.shared.indicator.value.IndicatorCode;

/**
 * A correction of a reported observation, as generated. A correction names the observation by the event id of its
 * recording, which exists only once the recording is in the ledger; the generator names the recording by its
 * idempotency key instead, and the loader looks the event id up (in the indicator's stream, the
 * {@code ObservationRecordedEvent} whose metadata carries {@link #recordingKey}) just before sending.
 *
 * @param recordingKey the idempotency key of the {@code RecordObservationCommand} corrected
 */
public record ObservationCorrection(IndicatorCode indicatorCode, String recordingKey, BigDecimal value, String source,
                                    LocalDate effectiveDate, String reason) {

    /** The command, once the recording's event id is known. */
    public CorrectObservationCommand toCommand(String observationId) {
        return new CorrectObservationCommand(indicatorCode, observationId, value, source, effectiveDate, reason);
    }
}
