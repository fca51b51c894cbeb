package org.povertyledger.command.benefit.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.povertyledger.command.ledger.AppendedEvent;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.benefit.command.BenefitOutcome;
import org.povertyledger.shared.benefit.command.RecordBenefitCommand;
import org.povertyledger.shared.benefit.event.BenefitRecordedEvent;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.HousingSupportKind;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Write API of household benefits: one request records one benefit on the household. */
@RestController
class BenefitCommandController {

    private final CommandDispatcher dispatcher;

    BenefitCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(path = "/api/households/{householdId}/benefits", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> record(@PathVariable String householdId,
                                               @RequestBody RecordBenefitRequest body) {
        Require.present("body", body);
        RecordBenefitCommand command = new RecordBenefitCommand(
                new HouseholdId(householdId),
                Require.present("kind", body.kind()),
                body.benefitDate(),
                body.coverageYear(),
                body.amount() == null ? null : Vnd.of("amount", body.amount()),
                body.lender(),
                body.course(),
                body.completed(),
                body.housingKind(),
                body.destination(),
                body.description(),
                body.subProjectCode() == null ? null : new SubProjectCode(body.subProjectCode()),
                body.allocationId() == null ? null : new AllocationId(body.allocationId()));
        CommandResult result = dispatcher.send(command, body.decisionRef(), null, command.benefitDate());
        AppendedEvent event = result.first(BenefitRecordedEvent.class);
        BenefitOutcome outcome = (BenefitOutcome) result.result();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("householdId", householdId);
        answer.put("benefitId", event.eventId());
        answer.put("kind", outcome.kind());
        answer.put("statusOnDate", outcome.statusOnDate());
        answer.put("targetGroup", outcome.targetGroup());
        answer.put("eligibilityRule", outcome.eligibilityRule());
        answer.put("position", event.position());
        return ResponseEntity.created(URI.create("/api/households/" + householdId + "/benefits")).body(answer);
    }

    /** Body of {@code POST /api/households/{id}/benefits}; which fields apply depends on {@code kind}. */
    record RecordBenefitRequest(BenefitKind kind, LocalDate benefitDate, Integer coverageYear, Long amount,
                                String lender, String course, Boolean completed, HousingSupportKind housingKind,
                                String destination, String description, String subProjectCode, String allocationId,
                                String decisionRef) {
    }
}
