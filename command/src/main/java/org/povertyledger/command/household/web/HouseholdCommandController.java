package org.povertyledger.command.household.web;

import java.security.Principal;

import org.povertyledger.shared.household.command.ErasePersonalDataCommand;
import org.povertyledger.shared.household.event.PersonalDataErasedEvent;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.povertyledger.command.ledger.AppendedEvent;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.command.AssessmentFindings;
import org.povertyledger.shared.household.command.AssessmentOutcome;
import org.povertyledger.shared.household.command.CorrectAssessmentCommand;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.command.UpdateHouseholdDetailsCommand;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.ReviewYear;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Write API of the household register. Each request becomes one command; the answer names the
 * events appended for it, with their log positions.
 */
@RestController
@RequestMapping(path = "/api/households", produces = MediaType.APPLICATION_JSON_VALUE)
class HouseholdCommandController {

    private final CommandDispatcher dispatcher;

    HouseholdCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> register(@RequestBody RegisterHouseholdRequest body) {
        Require.present("body", body);
        RegisterHouseholdCommand command = new RegisterHouseholdCommand(
                new HouseholdId(body.householdId()),
                new CommuneCode(body.communeCode()),
                body.village(),
                Require.present("area", body.area()),
                body.headName(),
                body.ethnicity(),
                Require.present("ethnicMinority", body.ethnicMinority()),
                Require.present("members", body.members()));
        CommandResult result = dispatcher.send(command, null, null, null);
        AppendedEvent event = result.first(HouseholdRegisteredEvent.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("householdId", command.householdId().value());
        answer.put("status", "UNASSESSED");
        answer.put("eventId", event.eventId());
        answer.put("position", event.position());
        return ResponseEntity.created(URI.create("/api/households/" + command.householdId().value())).body(answer);
    }

    @PostMapping(path = "/{householdId}/assessments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> assess(@PathVariable String householdId,
                                               @RequestBody RecordAssessmentRequest body) {
        Require.present("body", body);
        HouseholdId id = new HouseholdId(householdId);
        RecordAssessmentCommand command = new RecordAssessmentCommand(
                id,
                new ReviewYear(Require.present("reviewYear", body.reviewYear())),
                Require.present("reviewKind", body.reviewKind()),
                body.surveyDate(),
                findings(body.incomePerCapitaMonthly(), body.livelihood(), body.deprivations()),
                body.decisionRef(),
                body.effectiveDate());
        CommandResult result = dispatcher.send(command, command.decisionRef(), null, command.effectiveDate());
        AppendedEvent event = result.first(AssessmentRecordedEvent.class);
        return ResponseEntity.created(URI.create("/api/households/" + householdId + "/history"))
                .body(outcome(householdId, (AssessmentOutcome) result.result(), command.reviewYear().value(), event, result));
    }

    @PostMapping(path = "/{householdId}/assessments/{eventId}/corrections", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> correct(@PathVariable String householdId, @PathVariable String eventId,
                                                @RequestBody CorrectAssessmentRequest body) {
        Require.present("body", body);
        CorrectAssessmentCommand command = new CorrectAssessmentCommand(
                new HouseholdId(householdId),
                eventId,
                body.surveyDate(),
                findings(body.incomePerCapitaMonthly(), body.livelihood(), body.deprivations()),
                body.decisionRef(),
                body.effectiveDate(),
                body.reason());
        CommandResult result = dispatcher.send(command, command.decisionRef(), command.reason(), command.effectiveDate());
        AppendedEvent event = result.first(AssessmentCorrectedEvent.class);
        AssessmentOutcome outcome = (AssessmentOutcome) result.result();
        Map<String, Object> answer = outcome(householdId, outcome, null, event, result);
        answer.put("correctedEventId", eventId);
        answer.put("correctionEventId", event.eventId());
        return ResponseEntity.created(URI.create("/api/households/" + householdId + "/history")).body(answer);
    }

    @PostMapping(path = "/{householdId}/details", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> updateDetails(@PathVariable String householdId,
                                                      @RequestBody UpdateHouseholdDetailsRequest body) {
        Require.present("body", body);
        UpdateHouseholdDetailsCommand command = new UpdateHouseholdDetailsCommand(
                new HouseholdId(householdId),
                new CommuneCode(body.communeCode()),
                body.village(),
                Require.present("members", body.members()),
                body.effectiveDate(),
                body.reason());
        CommandResult result = dispatcher.send(command, body.decisionRef(), command.reason(), command.effectiveDate());
        AppendedEvent event = result.first(HouseholdDetailsUpdatedEvent.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("householdId", householdId);
        answer.put("eventId", event.eventId());
        answer.put("position", event.position());
        return ResponseEntity.ok(answer);
    }

    /**
     * Right to erasure: destroys the household's data key (ADMIN only, see SecurityConfiguration). The legal basis
     * and a case reference are mandatory; the reference must not name the person, as it stays in the ledger.
     */
    @PostMapping(path = "/{householdId}/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> erase(@PathVariable String householdId, @RequestBody ErasureRequest body,
                                              Principal principal) {
        Require.present("body", body);
        ErasePersonalDataCommand command = new ErasePersonalDataCommand(new HouseholdId(householdId),
                principal == null ? null : principal.getName(), body.legalBasis(), body.requestReference());
        CommandResult result = dispatcher.send(command, command.legalBasis(), null, null);
        AppendedEvent event = result.first(PersonalDataErasedEvent.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("householdId", householdId);
        answer.put("erased", true);
        answer.put("eventId", event.eventId());
        answer.put("position", event.position());
        return ResponseEntity.ok(answer);
    }

    private static AssessmentFindings findings(Long income, Livelihood livelihood, Set<String> deprivations) {
        return new AssessmentFindings(
                Vnd.of("incomePerCapitaMonthly", Require.present("incomePerCapitaMonthly", income)),
                Require.present("livelihood", livelihood),
                Require.present("deprivations", deprivations));
    }

    private static Map<String, Object> outcome(String householdId, AssessmentOutcome outcome, Integer reviewYear,
                                               AppendedEvent event, CommandResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("householdId", householdId);
        answer.put("assessmentId", outcome.assessmentId());
        if (reviewYear != null) {
            answer.put("reviewYear", reviewYear);
        }
        answer.put("status", outcome.status());
        answer.put("previousStatus", outcome.previousStatus());
        answer.put("currentStatus", outcome.currentStatus());
        answer.put("transition", outcome.transition());
        answer.put("deprivationCount", outcome.deprivationCount());
        answer.put("rulebook", Map.of("id", outcome.rulebookId(), "version", outcome.rulebookVersion()));
        answer.put("eventId", event.eventId());
        answer.put("position", event.position());
        answer.put("events", result.events().stream().map(e -> Map.of(
                "position", e.position(), "eventId", e.eventId(),
                "type", e.payloadType().substring(e.payloadType().lastIndexOf('.') + 1))).toList());
        return answer;
    }

    /** Body of {@code POST /api/households}. */
    record ErasureRequest(String legalBasis, String requestReference) {
    }

    record RegisterHouseholdRequest(String householdId, String communeCode, String village, Area area, String headName,
                                    String ethnicity, Boolean ethnicMinority, Integer members) {
    }

    /** Body of {@code POST /api/households/{id}/assessments}. */
    record RecordAssessmentRequest(Integer reviewYear, ReviewKind reviewKind, LocalDate surveyDate,
                                   Long incomePerCapitaMonthly, Livelihood livelihood, Set<String> deprivations,
                                   String decisionRef, LocalDate effectiveDate) {
    }

    /** Body of {@code POST /api/households/{id}/assessments/{eventId}/corrections}. */
    record CorrectAssessmentRequest(LocalDate surveyDate, Long incomePerCapitaMonthly, Livelihood livelihood,
                                    Set<String> deprivations, String decisionRef, LocalDate effectiveDate,
                                    String reason) {
    }

    /** Body of {@code POST /api/households/{id}/details}. */
    record UpdateHouseholdDetailsRequest(String communeCode, String village, Integer members, LocalDate effectiveDate,
                                         String reason, String decisionRef) {
    }
}
