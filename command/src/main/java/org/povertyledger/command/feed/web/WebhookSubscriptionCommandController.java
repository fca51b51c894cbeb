package org.povertyledger.command.feed.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.povertyledger.command.ledger.AppendedEvent;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.access.AccessScope;
import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.feed.command.CreateWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.DeleteWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.PauseWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.command.ResumeWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.value.PersonalDataScope;
import org.povertyledger.shared.feed.value.SubscriptionId;
import org.povertyledger.shared.feed.value.WebhookSecret;
import org.povertyledger.shared.feed.value.WebhookUrl;
import org.povertyledger.shared.household.value.CommuneCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Write API of webhook subscriptions. Creating one answers its id and its signing secret, which is shown only
 * this once. Reading subscriptions and their dead letters is on the query side.
 */
@RestController
@RequestMapping(path = "/api/feed/subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhookSubscriptionCommandController {

    private final CommandDispatcher dispatcher;
    private final MongoLedgerStorageEngine ledger;
    private final PersonalDataScope personalDataScope;
    private final AccessScope access;

    WebhookSubscriptionCommandController(CommandDispatcher dispatcher, MongoLedgerStorageEngine ledger,
                                         PersonalDataScope personalDataScope, AccessScope access) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.ledger = ledger;
        this.personalDataScope = personalDataScope;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> create(@RequestBody CreateSubscriptionRequest body) {
        Require.present("body", body);
        boolean personal = Boolean.TRUE.equals(body.personalData());
        if (personal && !personalDataScope.allows(currentUser())) {
            throw new DomainException(ErrorCode.PERSONAL_DATA_NOT_PERMITTED, "personalData", "scope:personal-data",
                    "your account may not receive personal fields");
        }
        // Without a start position only events appended from now on are delivered.
        long after = body.after() == null ? ledger.head().position() : body.after();
        WebhookSecret secret = body.secret() == null ? WebhookSecret.generate() : new WebhookSecret(body.secret());
        CreateWebhookSubscriptionCommand command = new CreateWebhookSubscriptionCommand(SubscriptionId.generate(),
                new WebhookUrl(body.url()), sorted(body.types()), scoped(sorted(body.units())), secret, after, personal);
        CommandResult result = dispatcher.send(command, null, null, null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subscriptionId", command.subscriptionId().value());
        answer.put("secret", secret.value());
        answer.put("url", command.url().value());
        answer.put("types", command.eventTypes());
        answer.put("units", command.units());
        answer.put("after", after);
        answer.put("personalData", personal);
        answer.put("status", "ACTIVE");
        answer.putAll(positionOf(result));
        return ResponseEntity.created(URI.create("/api/feed/subscriptions/" + command.subscriptionId().value()))
                .body(answer);
    }

    @PostMapping("/{subscriptionId}/pause")
    ResponseEntity<Map<String, Object>> pause(@PathVariable String subscriptionId,
                                              @RequestBody(required = false) PauseRequest body) {
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? null
                : Require.text("reason", body.reason(), 500);
        SubscriptionId id = new SubscriptionId(subscriptionId);
        return answer(id, "PAUSED", dispatcher.send(new PauseWebhookSubscriptionCommand(id, reason), null, reason, null));
    }

    @PostMapping("/{subscriptionId}/resume")
    ResponseEntity<Map<String, Object>> resume(@PathVariable String subscriptionId) {
        SubscriptionId id = new SubscriptionId(subscriptionId);
        return answer(id, "ACTIVE", dispatcher.send(new ResumeWebhookSubscriptionCommand(id), null, null, null));
    }

    @DeleteMapping("/{subscriptionId}")
    ResponseEntity<Map<String, Object>> delete(@PathVariable String subscriptionId) {
        SubscriptionId id = new SubscriptionId(subscriptionId);
        return answer(id, "DELETED", dispatcher.send(new DeleteWebhookSubscriptionCommand(id), null, null, null));
    }

    private static ResponseEntity<Map<String, Object>> answer(SubscriptionId id, String status, CommandResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subscriptionId", id.value());
        answer.put("status", status);
        answer.putAll(positionOf(result));
        return ResponseEntity.ok(answer);
    }

    private static Map<String, Object> positionOf(CommandResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (!result.events().isEmpty()) {
            AppendedEvent event = result.events().get(0);
            fields.put("eventId", event.eventId());
            fields.put("position", event.position());
        }
        return fields;
    }

    private static TreeSet<String> sorted(Set<String> values) {
        TreeSet<String> sorted = new TreeSet<>();
        if (values != null) {
            for (String value : values) {
                Require.present("types/units entry", value);
                sorted.add(value.strip());
            }
        }
        return sorted;
    }

    /**
     * A subscription carries its creator's scope as its unit filter: a scoped creator who names no units gets
     * every commune of the scope (as the map stands at creation), and may not name a unit outside it. The
     * deliverer then never sends an event of another unit, nor one that belongs to no unit.
     */
    private TreeSet<String> scoped(TreeSet<String> units) {
        UnitScope scope = access.current();
        if (scope.national()) {
            return units;
        }
        if (units.isEmpty()) {
            TreeSet<String> communes = new TreeSet<>();
            scope.units().stream().filter(CommuneCode::isValid).forEach(communes::add);
            if (communes.isEmpty()) {
                throw new ValidationException("units", "in-scope", "your scope holds no commune to subscribe to");
            }
            return communes;
        }
        List<String> outside = units.stream().filter(unit -> !scope.covers(unit)).toList();
        if (!outside.isEmpty()) {
            access.denied("out-of-scope", "subscription.write");
            throw new ValidationException("units", "in-scope", "units outside your scope: " + outside);
        }
        return units;
    }

    private static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? null : authentication.getName();
    }

    /**
     * Body of {@code POST /api/feed/subscriptions}.
     *
     * @param after deliver events after this position; absent: from the current head (new events only)
     * @param secret a Standard Webhooks secret ({@code whsec_...}); absent: one is generated
     */
    record CreateSubscriptionRequest(String url, Set<String> types, Set<String> units, Long after,
                                     Boolean personalData, String secret) {
    }

    /** Body of {@code POST /api/feed/subscriptions/{id}/pause}; optional. */
    record PauseRequest(String reason) {
    }
}
