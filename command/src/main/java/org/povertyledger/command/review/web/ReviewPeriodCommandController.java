package org.povertyledger.command.review.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.povertyledger.command.ledger.AppendedEvent;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.review.command.ApproveReviewPeriodCommand;
import org.povertyledger.shared.review.command.GrantPeriodExceptionCommand;
import org.povertyledger.shared.review.command.LockReviewPeriodCommand;
import org.povertyledger.shared.review.command.ReturnReviewPeriodCommand;
import org.povertyledger.shared.review.command.SubmitReviewPeriodCommand;
import org.povertyledger.shared.review.value.ReviewPeriodId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sign-off of a commune's review of a year: submit, approve, lock, return, and exceptions. Each step answers
 * with the period's new state and the position of its event; the period is read at
 * {@code GET /api/communes/{code}/reviews/{year}}.
 */
@RestController
@RequestMapping(path = "/api/communes/{communeCode}/reviews/{year}", produces = MediaType.APPLICATION_JSON_VALUE)
class ReviewPeriodCommandController {

    private final CommandDispatcher dispatcher;

    ReviewPeriodCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(path = "/submission", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> submit(@PathVariable String communeCode, @PathVariable int year,
                                               @RequestBody StepRequest body) {
        return signOff(communeCode, year, body, "SUBMITTED", SubmitReviewPeriodCommand::new);
    }

    @PostMapping(path = "/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> approve(@PathVariable String communeCode, @PathVariable int year,
                                                @RequestBody StepRequest body) {
        return signOff(communeCode, year, body, "APPROVED", ApproveReviewPeriodCommand::new);
    }

    @PostMapping(path = "/lock", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> lock(@PathVariable String communeCode, @PathVariable int year,
                                             @RequestBody StepRequest body) {
        return signOff(communeCode, year, body, "LOCKED", LockReviewPeriodCommand::new);
    }

    @PostMapping(path = "/return", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> giveBack(@PathVariable String communeCode, @PathVariable int year,
                                                 @RequestBody ReturnRequest body) {
        Require.present("body", body);
        ReturnReviewPeriodCommand command = new ReturnReviewPeriodCommand(ReviewPeriodId.of(communeCode, year),
                body.reason());
        return step(command.periodId(), "OPEN",
                dispatcher.send(command, null, command.reason(), null));
    }

    /** ADMIN only (see the security configuration). */
    @PostMapping(path = "/exceptions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> grant(@PathVariable String communeCode, @PathVariable int year,
                                              @RequestBody ExceptionRequest body) {
        Require.present("body", body);
        GrantPeriodExceptionCommand command = new GrantPeriodExceptionCommand(ReviewPeriodId.of(communeCode, year),
                new HouseholdId(Require.present("householdId", body.householdId())), body.reason(),
                body.legalBasis());
        CommandResult result = dispatcher.send(command, command.legalBasis(), command.reason(), null);
        Map<String, Object> answer = answer(command.periodId(), null, result.events().get(0));
        answer.put("exceptionId", result.result());
        answer.put("householdId", command.householdId().value());
        return ResponseEntity.created(URI.create(location(command.periodId()))).body(answer);
    }

    /** Submit, approve and lock take the same body: the decision the step refers to, and a note. */
    private ResponseEntity<Map<String, Object>> signOff(String communeCode, int year, StepRequest body,
                                                        String state, StepCommand step) {
        Require.present("body", body);
        ReviewPeriodId id = ReviewPeriodId.of(communeCode, year);
        Object command = step.of(id, body.decisionRef(), body.note());
        String note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
        return step(id, state, dispatcher.send(command, body.decisionRef().strip(), note, null));
    }

    /** One of the sign-off commands, made from the period, the decision and the note. */
    @FunctionalInterface
    private interface StepCommand {
        Object of(ReviewPeriodId periodId, String decisionRef, String note);
    }

    private static ResponseEntity<Map<String, Object>> step(ReviewPeriodId id, String state, CommandResult result) {
        return ResponseEntity.ok(answer(id, state, result.events().get(0)));
    }

    private static Map<String, Object> answer(ReviewPeriodId id, String state, AppendedEvent event) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("communeCode", id.communeCode().value());
        answer.put("year", id.year().value());
        if (state != null) {
            answer.put("state", state);
        }
        answer.put("eventId", event.eventId());
        answer.put("position", event.position());
        return answer;
    }

    private static String location(ReviewPeriodId id) {
        return "/api/communes/" + id.communeCode().value() + "/reviews/" + id.year().value();
    }

    /** Body of submit, approve and lock: the signed decision the step refers to, and an optional note. */
    record StepRequest(String decisionRef, String note) {
    }

    /** Body of a return: what must change. */
    record ReturnRequest(String reason) {
    }

    /** Body of an exception: the household opened, why, and under which decision. */
    record ExceptionRequest(String householdId, String reason, String legalBasis) {
    }
}
