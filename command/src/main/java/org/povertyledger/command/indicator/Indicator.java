package org.povertyledger.command.indicator;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.indicator.command.CorrectObservationCommand;
import org.povertyledger.shared.indicator.command.DefineIndicatorCommand;
import org.povertyledger.shared.indicator.command.RecordObservationCommand;
import org.povertyledger.shared.indicator.command.SetTargetCommand;
import org.povertyledger.shared.indicator.event.IndicatorDefinedEvent;
import org.povertyledger.shared.indicator.event.ObservationCorrectedEvent;
import org.povertyledger.shared.indicator.event.ObservationRecordedEvent;
import org.povertyledger.shared.indicator.event.TargetSetEvent;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.TargetKind;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

/**
 * An indicator of the catalogue with its observations and targets. Only REPORTED indicators take
 * observations; a correction names the observation (the event id of its recording) and never changes it in
 * place. Units are not checked against the geography here: the map is another aggregate, and an indicator's
 * figures are read through the geography on the query side.
 *
 * <p>Every command creates the aggregate if it is missing and then refuses unless it defines it, so an unknown
 * indicator is an {@code INDICATOR_NOT_FOUND}.
 */
@Aggregate
class Indicator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @AggregateIdentifier
    private IndicatorCode indicatorCode;
    private IndicatorKind kind;
    private UnitOfMeasure unitOfMeasure;
    /** Observations by id, with the value they give now. */
    private final Map<String, Observation> observations = new HashMap<>();
    private String lastObservationId;

    Indicator() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DefineIndicatorCommand command) {
        if (indicatorCode != null) {
            throw new DomainException(ErrorCode.INDICATOR_ALREADY_DEFINED, "indicatorCode", "unique",
                    "indicator " + command.indicatorCode() + " is already defined",
                    Map.of("indicatorCode", command.indicatorCode().value()));
        }
        apply(new IndicatorDefinedEvent(command.indicatorCode(), command.name(), command.unitOfMeasure(),
                command.direction(), command.kind(), command.measure()));
    }

    /** Returns the observation id (the recording's event id). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(RecordObservationCommand command) {
        requireDefined(command.indicatorCode());
        requireReported();
        requirePlausible(command.value());
        apply(new ObservationRecordedEvent(indicatorCode, command.unitCode(), command.year(), command.value(),
                unitOfMeasure, command.source(), command.effectiveDate()));
        return lastObservationId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CorrectObservationCommand command) {
        requireDefined(command.indicatorCode());
        Observation observation = observations.get(command.observationId());
        if (observation == null) {
            throw new DomainException(ErrorCode.OBSERVATION_NOT_FOUND, "observationId", "exists",
                    "indicator " + indicatorCode + " has no observation " + command.observationId(),
                    Map.of("observationId", command.observationId()));
        }
        requirePlausible(command.value());
        apply(new ObservationCorrectedEvent(indicatorCode, command.observationId(),
                new UnitCode(observation.unitCode()), observation.year(),
                observation.value(), command.value(), command.source(), command.effectiveDate(), command.reason()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetTargetCommand command) {
        requireDefined(command.indicatorCode());
        Integer baseline = command.target().baselineYear();
        if (command.target().kind() == TargetKind.PERCENT_ON_BASELINE && baseline >= command.year()) {
            throw new DomainException(ErrorCode.INVALID_TARGET, "target.baselineYear", "before-target-year",
                    "the baseline year " + baseline + " must come before the target year " + command.year());
        }
        apply(new TargetSetEvent(indicatorCode, command.unitCode(), command.year(), command.target(),
                command.legalBasis()));
    }

    private void requireDefined(IndicatorCode code) {
        if (indicatorCode == null) {
            throw new DomainException(ErrorCode.INDICATOR_NOT_FOUND, "indicatorCode", "exists",
                    "indicator " + code + " is not defined", Map.of("indicatorCode", code.value()));
        }
    }

    private void requireReported() {
        if (kind != IndicatorKind.REPORTED) {
            throw new DomainException(ErrorCode.INDICATOR_NOT_REPORTED, "indicatorCode", "reported",
                    "indicator " + indicatorCode + " is " + kind + ": its values are computed, not recorded",
                    Map.of("indicatorCode", indicatorCode.value(), "kind", kind.name()));
        }
    }

    private void requirePlausible(BigDecimal value) {
        if (value.signum() < 0) {
            throw new ValidationException("value", "min:0", "value must not be negative");
        }
        if (unitOfMeasure == UnitOfMeasure.PERCENT && value.compareTo(HUNDRED) > 0) {
            throw new ValidationException("value", "max:100", "a percentage must be at most 100");
        }
    }

    @EventSourcingHandler
    void on(IndicatorDefinedEvent event) {
        indicatorCode = event.indicatorCode();
        kind = event.kind();
        unitOfMeasure = event.unitOfMeasure();
    }

    @EventSourcingHandler
    void on(ObservationRecordedEvent event, @MessageIdentifier String eventId) {
        observations.put(eventId, new Observation(event.unitCode().value(), event.year(), event.value()));
        lastObservationId = eventId;
    }

    @EventSourcingHandler
    void on(ObservationCorrectedEvent event) {
        observations.computeIfPresent(event.observationId(),
                (id, observation) -> new Observation(observation.unitCode(), observation.year(), event.value()));
    }

    /** What the guards need of one observation. */
    private record Observation(String unitCode, int year, BigDecimal value) {
    }
}
