package org.povertyledger.command.review.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.povertyledger.command.ledger.AppendedEvent;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.ReviewYear;
import org.povertyledger.shared.review.command.RecordPublicPostingCommand;
import org.povertyledger.shared.review.command.RecordReviewRequestCommand;
import org.povertyledger.shared.review.command.RecordVillageMeetingCommand;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Records the steps of a commune's review of a year: village meetings, public postings, on-demand requests. */
@RestController
@RequestMapping(path = "/api/communes/{communeCode}/reviews/{reviewYear}", produces = MediaType.APPLICATION_JSON_VALUE)
class ReviewProcedureController {

    private final CommandDispatcher dispatcher;

    ReviewProcedureController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(path = "/meetings", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> meeting(@PathVariable String communeCode, @PathVariable int reviewYear,
                                                @RequestBody MeetingRequest body) {
        Require.present("body", body);
        return answer(dispatcher.send(new RecordVillageMeetingCommand(null, new CommuneCode(communeCode),
                new ReviewYear(reviewYear), body.village(), body.date(), Require.present("attendees", body.attendees()),
                Require.present("inFavour", body.inFavour()), body.minutesRef()), body.minutesRef(), null,
                body.date()));
    }

    @PostMapping(path = "/postings", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> posting(@PathVariable String communeCode, @PathVariable int reviewYear,
                                                @RequestBody PostingRequest body) {
        Require.present("body", body);
        return answer(dispatcher.send(new RecordPublicPostingCommand(null, new CommuneCode(communeCode),
                new ReviewYear(reviewYear), body.from(), body.to(), body.place()), null, null, body.from()));
    }

    @PostMapping(path = "/requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> request(@PathVariable String communeCode, @PathVariable int reviewYear,
                                                @RequestBody ReviewRequest body) {
        Require.present("body", body);
        return answer(dispatcher.send(new RecordReviewRequestCommand(null, new CommuneCode(communeCode),
                new ReviewYear(reviewYear), new HouseholdId(body.householdId()), body.requestDate()), null, null,
                body.requestDate()));
    }

    private static ResponseEntity<Map<String, Object>> answer(CommandResult result) {
        AppendedEvent event = result.events().get(0);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventId", event.eventId());
        answer.put("position", event.position());
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    /** Body of {@code POST .../meetings}. */
    record MeetingRequest(String village, LocalDate date, Integer attendees, Integer inFavour, String minutesRef) {
    }

    /** Body of {@code POST .../postings}. */
    record PostingRequest(LocalDate from, LocalDate to, String place) {
    }

    /** Body of {@code POST .../requests}. */
    record ReviewRequest(String householdId, LocalDate requestDate) {
    }
}
