package org.povertyledger.command.geography.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.geography.command.ChangeUnitFlagsCommand;
import org.povertyledger.shared.geography.command.DissolveUnitCommand;
import org.povertyledger.shared.geography.command.MergeUnitsCommand;
import org.povertyledger.shared.geography.command.RegisterUnitCommand;
import org.povertyledger.shared.geography.command.RenameUnitCommand;
import org.povertyledger.shared.geography.command.ReparentUnitCommand;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitFlag;
import org.povertyledger.shared.geography.value.UnitLevel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Write API of the administrative geography. Each request is one command on the administrative map; the
 * answer lists the events appended (a merge or a dissolution also re-parents children) with their positions.
 */
@RestController
@RequestMapping(path = "/api/geography", produces = MediaType.APPLICATION_JSON_VALUE)
class GeographyCommandController {

    private final CommandDispatcher dispatcher;

    GeographyCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(path = "/units", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> register(@RequestBody RegisterUnitRequest body) {
        Require.present("body", body);
        RegisterUnitCommand command = new RegisterUnitCommand(
                UnitCode.of("unitCode", body.unitCode()), body.name(), body.level(),
                body.parentCode() == null ? null : UnitCode.of("parentCode", body.parentCode()),
                body.flags(), body.effectiveDate(), body.legalBasis());
        CommandResult result = dispatcher.send(command, command.legalBasis(), null, command.effectiveDate());
        return ResponseEntity.created(URI.create("/api/geography/units/" + command.unitCode().value() + "/lineage"))
                .body(answer(command.unitCode().value(), result));
    }

    @PostMapping(path = "/units/{unitCode}/rename", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> rename(@PathVariable String unitCode, @RequestBody RenameUnitRequest body) {
        Require.present("body", body);
        RenameUnitCommand command = new RenameUnitCommand(UnitCode.of("unitCode", unitCode), body.name(),
                body.effectiveDate(), body.legalBasis());
        return ResponseEntity.ok(answer(unitCode,
                dispatcher.send(command, command.legalBasis(), null, command.effectiveDate())));
    }

    @PostMapping(path = "/units/{unitCode}/reparent", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> reparent(@PathVariable String unitCode,
                                                 @RequestBody ReparentUnitRequest body) {
        Require.present("body", body);
        ReparentUnitCommand command = new ReparentUnitCommand(UnitCode.of("unitCode", unitCode),
                UnitCode.of("parentCode", Require.present("parentCode", body.parentCode())), body.effectiveDate(),
                body.legalBasis());
        return ResponseEntity.ok(answer(unitCode,
                dispatcher.send(command, command.legalBasis(), null, command.effectiveDate())));
    }

    @PostMapping(path = "/units/{unitCode}/flags", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> flags(@PathVariable String unitCode, @RequestBody ChangeFlagsRequest body) {
        Require.present("body", body);
        ChangeUnitFlagsCommand command = new ChangeUnitFlagsCommand(UnitCode.of("unitCode", unitCode), body.flags(),
                body.effectiveDate(), body.legalBasis());
        return ResponseEntity.ok(answer(unitCode,
                dispatcher.send(command, command.legalBasis(), null, command.effectiveDate())));
    }

    @PostMapping(path = "/units/{unitCode}/dissolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> dissolve(@PathVariable String unitCode, @RequestBody DissolveUnitRequest body) {
        Require.present("body", body);
        DissolveUnitCommand command = new DissolveUnitCommand(UnitCode.of("unitCode", unitCode), body.effectiveDate(),
                body.legalBasis());
        return ResponseEntity.ok(answer(unitCode,
                dispatcher.send(command, command.legalBasis(), null, command.effectiveDate())));
    }

    @PostMapping(path = "/merges", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> merge(@RequestBody MergeUnitsRequest body) {
        Require.present("body", body);
        List<String> sources = Require.present("sourceCodes", body.sourceCodes());
        MergeUnitsCommand command = new MergeUnitsCommand(
                sources.stream().map(code -> UnitCode.of("sourceCodes", code)).toList(),
                UnitCode.of("targetCode", Require.present("targetCode", body.targetCode())), body.effectiveDate(),
                body.legalBasis());
        CommandResult result = dispatcher.send(command, command.legalBasis(), null, command.effectiveDate());
        return ResponseEntity.created(URI.create("/api/geography/units/" + command.targetCode().value() + "/lineage"))
                .body(answer(command.targetCode().value(), result));
    }

    private static Map<String, Object> answer(String unitCode, CommandResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("unitCode", unitCode);
        answer.put("position", result.lastPosition());
        answer.put("events", result.events().stream().map(e -> Map.of(
                "position", e.position(), "eventId", e.eventId(),
                "type", e.payloadType().substring(e.payloadType().lastIndexOf('.') + 1))).toList());
        return answer;
    }

    /** Body of {@code POST /api/geography/units}. */
    record RegisterUnitRequest(String unitCode, String name, UnitLevel level, String parentCode, Set<UnitFlag> flags,
                               LocalDate effectiveDate, String legalBasis) {
    }

    /** Body of {@code POST /api/geography/units/{code}/rename}. */
    record RenameUnitRequest(String name, LocalDate effectiveDate, String legalBasis) {
    }

    /** Body of {@code POST /api/geography/units/{code}/reparent}. */
    record ReparentUnitRequest(String parentCode, LocalDate effectiveDate, String legalBasis) {
    }

    /** Body of {@code POST /api/geography/units/{code}/flags}. */
    record ChangeFlagsRequest(Set<UnitFlag> flags, LocalDate effectiveDate, String legalBasis) {
    }

    /** Body of {@code POST /api/geography/units/{code}/dissolve}. */
    record DissolveUnitRequest(LocalDate effectiveDate, String legalBasis) {
    }

    /** Body of {@code POST /api/geography/merges}. */
    record MergeUnitsRequest(List<String> sourceCodes, String targetCode, LocalDate effectiveDate, String legalBasis) {
    }
}
