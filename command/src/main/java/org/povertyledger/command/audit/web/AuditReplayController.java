package org.povertyledger.command.audit.web;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.povertyledger.command.audit.DecisionReplays;
import org.povertyledger.shared.audit.value.ReplayOutcome;
import org.povertyledger.shared.audit.value.ReplayScope;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.ReviewYear;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Decision replays for auditors: start one over a scope, follow its progress, page through its verdicts. A replay
 * that finishes within the inline wait answers 201 with its counts; a longer one answers 202 and runs on.
 */
@RestController
@RequestMapping(path = "/api/audit/replays", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditReplayController {

    private static final int MAX_LIMIT = 1000;

    private final DecisionReplays replays;

    AuditReplayController(DecisionReplays replays) {
        this.replays = replays;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) ReplayRequest body) {
        ReplayRequest request = body == null ? new ReplayRequest(null, null, null, null, null) : body;
        ReplayScope scope = new ReplayScope(
                request.householdId() == null ? null : new HouseholdId(request.householdId()),
                request.communeCode() == null ? null : new CommuneCode(request.communeCode()),
                request.reviewYear() == null ? null : new ReviewYear(request.reviewYear()),
                request.fromPosition(), request.toPosition());
        Map<String, Object> view = replays.start(scope);
        boolean done = !"RUNNING".equals(view.get("state"));
        return ResponseEntity.status(done ? HttpStatus.CREATED : HttpStatus.ACCEPTED)
                .location(URI.create("/api/audit/replays/" + view.get("replayId")))
                .body(view);
    }

    @GetMapping
    Map<String, Object> recent(@RequestParam(defaultValue = "20") int limit) {
        Require.range("limit", limit, 1, 100);
        List<Map<String, Object>> recent = replays.recent(limit);
        return Map.of("replays", recent);
    }

    @GetMapping("/{replayId}")
    Map<String, Object> replay(@PathVariable String replayId, @RequestParam(defaultValue = "0") int offset,
                               @RequestParam(defaultValue = "50") int limit,
                               @RequestParam(required = false) String outcome) {
        Require.range("offset", offset, 0, Integer.MAX_VALUE);
        Require.range("limit", limit, 1, MAX_LIMIT);
        return replays.results(replayId, outcome(outcome), offset, limit);
    }

    private static ReplayOutcome outcome(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ReplayOutcome.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, "outcome", "one-of",
                    "outcome must be one of " + Arrays.toString(ReplayOutcome.values()),
                    Map.of("allowed", Arrays.stream(ReplayOutcome.values()).map(Enum::name).toList()));
        }
    }

    /** Body of {@code POST /api/audit/replays}; every part optional, parts combine. */
    record ReplayRequest(String householdId, String communeCode, Integer reviewYear, Long fromPosition,
                         Long toPosition) {
    }
}
