package org.povertyledger.command.audit.web;

import java.util.Map;
import java.util.regex.Pattern;

import org.povertyledger.command.audit.ProcedureConformance;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.ReviewYear;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Procedure conformance of a review year's decisions, for one commune ({@code unit}) or all. */
@RestController
@RequestMapping(path = "/api/audit/conformance", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditConformanceController {

    private static final Pattern COMMUNE = Pattern.compile("[0-9]{5}");

    private final ProcedureConformance conformance;

    AuditConformanceController(ProcedureConformance conformance) {
        this.conformance = conformance;
    }

    @GetMapping
    Map<String, Object> conformance(@RequestParam(required = false) String unit,
                                    @RequestParam(required = false) Integer year,
                                    @RequestParam(defaultValue = "0") int offset,
                                    @RequestParam(defaultValue = "100") int limit) {
        Require.range("offset", offset, 0, Integer.MAX_VALUE);
        Require.range("limit", limit, 0, 1000);
        if (unit != null && !unit.isBlank()) {
            Require.matches("unit", unit, COMMUNE, "a five-digit commune code");
        }
        return conformance.report(unit == null || unit.isBlank() ? null : new CommuneCode(unit),
                new ReviewYear(Require.present("year", year)), offset, limit);
    }
}
