package org.povertyledger.command.indicator.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.povertyledger.command.ledger.AppendedEvent;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.indicator.command.CorrectObservationCommand;
import org.povertyledger.shared.indicator.command.DefineIndicatorCommand;
import org.povertyledger.shared.indicator.command.RecordObservationCommand;
import org.povertyledger.shared.indicator.command.SetTargetCommand;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.Target;
import org.povertyledger.shared.indicator.value.TargetKind;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Write API of the indicator catalogue: definitions, observations and their corrections, targets. */
@RestController
@RequestMapping(path = "/api/indicators", produces = MediaType.APPLICATION_JSON_VALUE)
class IndicatorCommandController {

    private final CommandDispatcher dispatcher;

    IndicatorCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> define(@RequestBody DefineIndicatorRequest body) {
        Require.present("body", body);
        DefineIndicatorCommand command = new DefineIndicatorCommand(new IndicatorCode(body.indicatorCode()),
                body.name(), body.unitOfMeasure(), body.direction(), body.kind(), body.measure());
        CommandResult result = dispatcher.send(command, null, null, null);
        Map<String, Object> answer = answer(command.indicatorCode().value(), result);
        return ResponseEntity.created(URI.create("/api/indicators")).body(answer);
    }

    @PostMapping(path = "/{indicatorCode}/observations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> record(@PathVariable String indicatorCode,
                                               @RequestBody RecordObservationRequest body) {
        Require.present("body", body);
        RecordObservationCommand command = new RecordObservationCommand(new IndicatorCode(indicatorCode),
                UnitCode.of("unitCode", body.unitCode()), Require.present("year", body.year()), body.value(),
                body.source(), body.effectiveDate());
        CommandResult result = dispatcher.send(command, body.legalBasis(), null, command.effectiveDate());
        Map<String, Object> answer = answer(indicatorCode, result);
        answer.put("observationId", result.result());
        return ResponseEntity.created(URI.create("/api/indicators/" + indicatorCode + "/values?unit="
                + command.unitCode().value() + "&year=" + command.year())).body(answer);
    }

    @PostMapping(path = "/{indicatorCode}/observations/{observationId}/corrections",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> correct(@PathVariable String indicatorCode, @PathVariable String observationId,
                                                @RequestBody CorrectObservationRequest body) {
        Require.present("body", body);
        CorrectObservationCommand command = new CorrectObservationCommand(new IndicatorCode(indicatorCode),
                observationId, body.value(), body.source(), body.effectiveDate(), body.reason());
        CommandResult result = dispatcher.send(command, body.legalBasis(), command.reason(), command.effectiveDate());
        Map<String, Object> answer = answer(indicatorCode, result);
        answer.put("observationId", observationId);
        return ResponseEntity.created(URI.create("/api/indicators/" + indicatorCode)).body(answer);
    }

    @PostMapping(path = "/{indicatorCode}/targets", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> target(@PathVariable String indicatorCode, @RequestBody SetTargetRequest body) {
        Require.present("body", body);
        SetTargetCommand command = new SetTargetCommand(new IndicatorCode(indicatorCode),
                UnitCode.of("unitCode", body.unitCode()), Require.present("year", body.year()),
                new Target(body.kind(), body.low(), body.high(), body.baselineYear()), body.legalBasis());
        CommandResult result = dispatcher.send(command, command.legalBasis(), null, null);
        return ResponseEntity.created(URI.create("/api/indicators/" + indicatorCode + "/progress?unit="
                + command.unitCode().value() + "&year=" + command.year())).body(answer(indicatorCode, result));
    }

    private static Map<String, Object> answer(String indicatorCode, CommandResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("indicatorCode", indicatorCode);
        AppendedEvent event = result.events().isEmpty() ? null : result.events().get(0);
        answer.put("eventId", event == null ? null : event.eventId());
        answer.put("position", result.lastPosition());
        return answer;
    }

    /** Body of {@code POST /api/indicators}. */
    record DefineIndicatorRequest(String indicatorCode, String name, UnitOfMeasure unitOfMeasure, Direction direction,
                                  IndicatorKind kind, DerivedMeasure measure) {
    }

    /** Body of {@code POST /api/indicators/{code}/observations}. */
    record RecordObservationRequest(String unitCode, Integer year, BigDecimal value, String source,
                                    LocalDate effectiveDate, String legalBasis) {
    }

    /** Body of {@code POST /api/indicators/{code}/observations/{id}/corrections}. */
    record CorrectObservationRequest(BigDecimal value, String source, LocalDate effectiveDate, String reason,
                                     String legalBasis) {
    }

    /** Body of {@code POST /api/indicators/{code}/targets}. */
    record SetTargetRequest(String unitCode, Integer year, TargetKind kind, BigDecimal low, BigDecimal high,
                            Integer baselineYear, String legalBasis) {
    }
}
