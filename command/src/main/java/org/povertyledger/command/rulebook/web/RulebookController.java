package org.povertyledger.command.rulebook.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.povertyledger.command.rulebook.RegisteredRulebooks;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.rulebook.RulebookDefinition;
import org.povertyledger.shared.rulebook.RulebookFormula;
import org.povertyledger.shared.rulebook.command.RegisterRulebookCommand;
import org.povertyledger.shared.rulebook.event.RulebookRegisteredEvent;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rulebook catalogue: register a version (ADMIN), list every version with who registered it and when. */
@RestController
@RequestMapping(path = "/api/rulebooks", produces = MediaType.APPLICATION_JSON_VALUE)
class RulebookController {

    private final CommandDispatcher dispatcher;
    private final RegisteredRulebooks rulebooks;

    RulebookController(CommandDispatcher dispatcher, RegisteredRulebooks rulebooks) {
        this.dispatcher = dispatcher;
        this.rulebooks = rulebooks;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> register(@RequestBody RulebookRequest body) {
        Require.present("body", body);
        RulebookDefinition definition = new RulebookDefinition(body.rulebookId(),
                Require.present("version", body.version()), Require.present("formula", body.formula()),
                body.scope() == null ? RulebookDefinition.NATIONAL : body.scope(),
                Require.present("firstReviewYear", body.firstReviewYear()),
                Require.present("lastReviewYear", body.lastReviewYear()), body.legalBasis(),
                new TreeMap<>(Require.present("thresholds", body.thresholds())),
                new TreeSet<>(Require.present("indicators", body.indicators())));
        CommandResult result = dispatcher.send(RegisterRulebookCommand.of(definition), definition.legalBasis(),
                null, null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rulebook", definition);
        answer.put("position", result.first(RulebookRegisteredEvent.class).position());
        return ResponseEntity.created(URI.create("/api/rulebooks/" + definition.rulebookId() + "/"
                + definition.version())).body(answer);
    }

    @GetMapping
    Map<String, Object> list() {
        List<RegisteredRulebooks.Registration> registrations = rulebooks.registrations();
        return Map.of("rulebooks", registrations);
    }

    @GetMapping("/{rulebookId}/{version}")
    RegisteredRulebooks.Registration one(@PathVariable String rulebookId, @PathVariable int version) {
        return rulebooks.registrations().stream()
                .filter(r -> r.definition().rulebookId().equals(rulebookId) && r.definition().version() == version)
                .findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.RULEBOOK_NOT_FOUND, "rulebookId", "exists",
                        "no rulebook " + rulebookId + " v" + version,
                        Map.of("rulebookId", rulebookId, "version", version)));
    }

    /** Body of {@code POST /api/rulebooks}; the scope defaults to the national one. */
    record RulebookRequest(String rulebookId, Integer version, RulebookFormula formula, String scope,
                           Integer firstReviewYear, Integer lastReviewYear, String legalBasis,
                           Map<String, Long> thresholds, Set<String> indicators) {
    }
}
