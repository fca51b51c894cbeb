package org.povertyledger.command.programme.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.povertyledger.command.ledger.AppendedEvent;
import org.povertyledger.command.programme.Decision90Structure;
import org.povertyledger.command.programme.ReferenceStructureLoader;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.command.PlanOutputCommand;
import org.povertyledger.shared.programme.command.ReassignManagingAgencyCommand;
import org.povertyledger.shared.programme.command.RecordOutputCommand;
import org.povertyledger.shared.programme.command.RegisterProgrammeCommand;
import org.povertyledger.shared.programme.command.RegisterProjectCommand;
import org.povertyledger.shared.programme.command.RegisterSubProjectCommand;
import org.povertyledger.shared.programme.event.ManagingAgencyReassignedEvent;
import org.povertyledger.shared.programme.event.OutputPlannedEvent;
import org.povertyledger.shared.programme.event.OutputRecordedEvent;
import org.povertyledger.shared.programme.event.ProgrammeRegisteredEvent;
import org.povertyledger.shared.programme.event.ProjectRegisteredEvent;
import org.povertyledger.shared.programme.event.SubProjectRegisteredEvent;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.OutputCode;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Write API of the programme structure and of sub-projects' outputs. Each request becomes one command (the
 * reference load: one per element); the answer names the appended events' positions.
 */
@RestController
@RequestMapping(path = "/api/programmes", produces = MediaType.APPLICATION_JSON_VALUE)
class ProgrammeCommandController {

    private final CommandDispatcher dispatcher;

    ProgrammeCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> register(@RequestBody RegisterProgrammeRequest body) {
        Require.present("body", body);
        RegisterProgrammeCommand command = new RegisterProgrammeCommand(new ProgrammeCode(body.programmeCode()),
                body.name(), Require.present("firstYear", body.firstYear()), Require.present("lastYear", body.lastYear()),
                body.legalBasis(), body.effectiveDate());
        CommandResult result = dispatcher.send(command, command.legalBasis(), null, command.effectiveDate());
        return created("/api/programmes/" + command.programmeCode().value(),
                answer("programmeCode", command.programmeCode().value(), result.first(ProgrammeRegisteredEvent.class)));
    }

    /** Registers the Decision 90/QD-TTg structure; what is already registered is left as it is. */
    @PostMapping(path = "/reference-structure")
    ResponseEntity<Map<String, Object>> loadReferenceStructure() {
        List<Long> positions = new ArrayList<>();
        ReferenceStructureLoader.LoadReport report = ReferenceStructureLoader.load((command, name) -> positions.add(
                dispatcher.send(command, Decision90Structure.LEGAL_BASIS, null, Decision90Structure.EFFECTIVE_DATE,
                        name).lastPosition()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("programmeCode", report.programmeCode());
        answer.put("legalBasis", Decision90Structure.LEGAL_BASIS);
        answer.put("registered", report.registered());
        answer.put("alreadyPresent", report.alreadyPresent());
        answer.put("position", positions.stream().mapToLong(Long::longValue).max().orElse(0));
        return ResponseEntity.ok(answer);
    }

    @PostMapping(path = "/{programmeCode}/projects", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> registerProject(@PathVariable String programmeCode,
                                                        @RequestBody RegisterProjectRequest body) {
        Require.present("body", body);
        RegisterProjectCommand command = new RegisterProjectCommand(new ProgrammeCode(programmeCode),
                new ProjectCode(body.projectCode()), body.name());
        CommandResult result = dispatcher.send(command, null, null, null);
        return created("/api/programmes/" + programmeCode,
                answer("projectCode", command.projectCode().value(), result.first(ProjectRegisteredEvent.class)));
    }

    @PostMapping(path = "/{programmeCode}/sub-projects", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> registerSubProject(@PathVariable String programmeCode,
                                                           @RequestBody RegisterSubProjectRequest body) {
        Require.present("body", body);
        RegisterSubProjectCommand command = new RegisterSubProjectCommand(new ProgrammeCode(programmeCode),
                new SubProjectCode(body.subProjectCode()), body.name(), body.managingAgency(), body.effectiveDate());
        CommandResult result = dispatcher.send(command, body.decisionRef(), null, command.effectiveDate());
        return created("/api/programmes/" + programmeCode, answer("subProjectCode",
                command.subProjectCode().value(), result.first(SubProjectRegisteredEvent.class)));
    }

    @PostMapping(path = "/{programmeCode}/sub-projects/{subProjectCode}/managing-agency",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> reassign(@PathVariable String programmeCode,
                                                 @PathVariable String subProjectCode,
                                                 @RequestBody ReassignManagingAgencyRequest body) {
        Require.present("body", body);
        ReassignManagingAgencyCommand command = new ReassignManagingAgencyCommand(new ProgrammeCode(programmeCode),
                new SubProjectCode(subProjectCode), body.managingAgency(), body.effectiveDate(), body.decisionRef());
        CommandResult result = dispatcher.send(command, command.decisionRef(), body.reason(), command.effectiveDate());
        AppendedEvent event = result.first(ManagingAgencyReassignedEvent.class);
        Map<String, Object> answer = answer("subProjectCode", subProjectCode, event);
        answer.put("managingAgency", command.managingAgency());
        answer.put("effectiveDate", command.effectiveDate());
        return ResponseEntity.ok(answer);
    }

    @PostMapping(path = "/{programmeCode}/sub-projects/{subProjectCode}/output-plans",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> planOutput(@PathVariable String programmeCode,
                                                   @PathVariable String subProjectCode,
                                                   @RequestBody PlanOutputRequest body) {
        Require.present("body", body);
        PlanOutputCommand command = new PlanOutputCommand(new ProgrammeCode(programmeCode),
                new SubProjectCode(subProjectCode), Require.present("outputCode", body.outputCode()),
                Require.present("year", body.year()),
                body.communeCode() == null ? null : new CommuneCode(body.communeCode()), body.quantity(),
                body.decisionRef(), body.effectiveDate());
        CommandResult result = dispatcher.send(command, command.decisionRef(), null, command.effectiveDate());
        return created("/api/programmes/" + programmeCode + "/outputs?subProjectCode=" + subProjectCode,
                answer("subProjectCode", subProjectCode, result.first(OutputPlannedEvent.class)));
    }

    @PostMapping(path = "/{programmeCode}/sub-projects/{subProjectCode}/outputs",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> recordOutput(@PathVariable String programmeCode,
                                                     @PathVariable String subProjectCode,
                                                     @RequestBody RecordOutputRequest body) {
        Require.present("body", body);
        List<HouseholdId> beneficiaries = new ArrayList<>();
        if (body.beneficiaries() != null) {
            for (String id : body.beneficiaries()) {
                beneficiaries.add(new HouseholdId(id));
            }
        }
        RecordOutputCommand command = new RecordOutputCommand(new ProgrammeCode(programmeCode),
                new SubProjectCode(subProjectCode), Require.present("outputCode", body.outputCode()), body.quantity(),
                body.unit(), body.periodFrom(), body.periodTo(), new CommuneCode(body.communeCode()), beneficiaries,
                body.allocationId() == null ? null : new AllocationId(body.allocationId()));
        CommandResult result = dispatcher.send(command, null, null, command.periodTo());
        AppendedEvent event = result.first(OutputRecordedEvent.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outputId", event.eventId());
        answer.putAll(answer("subProjectCode", subProjectCode, event));
        return created("/api/programmes/" + programmeCode + "/sub-projects/" + subProjectCode + "/outputs", answer);
    }

    private static Map<String, Object> answer(String key, Object value, AppendedEvent event) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(key, value);
        answer.put("eventId", event.eventId());
        answer.put("position", event.position());
        return answer;
    }

    private static ResponseEntity<Map<String, Object>> created(String location, Map<String, Object> answer) {
        return ResponseEntity.created(URI.create(location)).body(answer);
    }

    /** Body of {@code POST /api/programmes}. */
    record RegisterProgrammeRequest(String programmeCode, String name, Integer firstYear, Integer lastYear,
                                    String legalBasis, LocalDate effectiveDate) {
    }

    /** Body of {@code POST /api/programmes/{code}/projects}. */
    record RegisterProjectRequest(String projectCode, String name) {
    }

    /** Body of {@code POST /api/programmes/{code}/sub-projects}. */
    record RegisterSubProjectRequest(String subProjectCode, String name, String managingAgency,
                                     LocalDate effectiveDate, String decisionRef) {
    }

    /** Body of {@code POST /api/programmes/{code}/sub-projects/{code}/managing-agency}. */
    record ReassignManagingAgencyRequest(String managingAgency, LocalDate effectiveDate, String decisionRef,
                                         String reason) {
    }

    /** Body of {@code POST /api/programmes/{code}/sub-projects/{code}/output-plans}. */
    record PlanOutputRequest(OutputCode outputCode, Integer year, String communeCode, BigDecimal quantity,
                             String decisionRef, LocalDate effectiveDate) {
    }

    /** Body of {@code POST /api/programmes/{code}/sub-projects/{code}/outputs}. */
    record RecordOutputRequest(OutputCode outputCode, BigDecimal quantity, String unit, LocalDate periodFrom,
                               LocalDate periodTo, String communeCode, List<String> beneficiaries,
                               String allocationId) {
    }
}
