package org.povertyledger.command.audit.web;

import java.net.URI;
import java.util.Map;

import org.povertyledger.command.audit.Restatements;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.ReviewYear;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Restatements of a review year's decisions under another registered rulebook version, and their figures. */
@RestController
@RequestMapping(path = "/api/audit/restatements", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditRestatementController {

    private final Restatements restatements;

    AuditRestatementController(Restatements restatements) {
        this.restatements = restatements;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> restate(@RequestBody RestatementRequest body) {
        Require.present("body", body);
        Map<String, Object> view = restatements.restate(Require.text("rulebookId", body.rulebookId(), 64),
                Require.present("version", body.version()),
                new ReviewYear(Require.present("reviewYear", body.reviewYear())),
                body.communeCode() == null ? null : new CommuneCode(body.communeCode()));
        return ResponseEntity.created(URI.create("/api/audit/restatements/" + view.get("restatementId"))).body(view);
    }

    @GetMapping("/{restatementId}")
    Map<String, Object> restatement(@PathVariable String restatementId,
                                    @RequestParam(defaultValue = "0") int offset,
                                    @RequestParam(defaultValue = "50") int limit) {
        Require.range("offset", offset, 0, Integer.MAX_VALUE);
        Require.range("limit", limit, 0, 1000);
        return restatements.view(restatementId, offset, limit);
    }

    /** Body of {@code POST /api/audit/restatements}. */
    record RestatementRequest(String rulebookId, Integer version, Integer reviewYear, String communeCode) {
    }
}
