package org.povertyledger.command.rulebook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.rulebook.Rulebook;
import org.povertyledger.shared.rulebook.RulebookDefinition;
import org.povertyledger.shared.rulebook.RulebookRegistry;
import org.povertyledger.shared.rulebook.command.RegisterRulebookCommand;
import org.povertyledger.shared.rulebook.event.RulebookRegisteredEvent;

/**
 * The rulebooks as the catalogue's stream holds them, read from the ledger when it has grown. Audits re-run
 * decisions with these; a built-in rulebook class stands in for a version not (yet) registered, so a replay on a
 * store whose catalogue was never loaded still checks the national standards.
 */
public final class RegisteredRulebooks implements Supplier<RulebookRegistry> {

    /** A registered version with who registered it and when. */
    public record Registration(RulebookDefinition definition, String registeredBy, Instant registeredAt,
                               String legalBasis) {
    }

    private final EventStorageEngine engine;
    private final List<Rulebook> fallback;
    private volatile Snapshot snapshot = new Snapshot(-1, List.of(), null);

    public RegisteredRulebooks(EventStorageEngine engine, RulebookRegistry fallback) {
        this.engine = engine;
        this.fallback = fallback.all();
    }

    /** Every registered version in registration order. */
    public List<Registration> registrations() {
        return current().registrations();
    }

    /** One registered version. */
    public Optional<RulebookDefinition> definition(String rulebookId, int version) {
        return registrations().stream().map(Registration::definition)
                .filter(d -> d.rulebookId().equals(rulebookId) && d.version() == version).findFirst();
    }

    @Override
    public RulebookRegistry get() {
        return current().registry();
    }

    private Snapshot current() {
        long last = engine.lastSequenceNumberFor(RegisterRulebookCommand.CATALOGUE).orElse(-1L);
        Snapshot seen = snapshot;
        if (seen.lastSequence() == last && seen.registry() != null) {
            return seen;
        }
        List<Registration> registrations = new ArrayList<>();
        DomainEventStream stream = engine.readEvents(RegisterRulebookCommand.CATALOGUE, 0);
        long sequence = -1;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            sequence = message.getSequenceNumber();
            if (message.getPayload() instanceof RulebookRegisteredEvent registered) {
                registrations.add(new Registration(registered.definition(),
                        (String) message.getMetaData().get(MetadataKeys.ACTOR_ID), message.getTimestamp(),
                        (String) message.getMetaData().get(MetadataKeys.LEGAL_BASIS)));
            }
        }
        Map<String, Rulebook> byVersion = new LinkedHashMap<>();
        for (Registration registration : registrations) {
            Rulebook rulebook = registration.definition().toRulebook();
            byVersion.put(rulebook.id() + "#" + rulebook.version(), rulebook);
        }
        for (Rulebook rulebook : fallback) {
            byVersion.putIfAbsent(rulebook.id() + "#" + rulebook.version(), rulebook);
        }
        Snapshot fresh = new Snapshot(sequence, List.copyOf(registrations),
                new RulebookRegistry(List.copyOf(byVersion.values())));
        snapshot = fresh;
        return fresh;
    }

    private record Snapshot(long lastSequence, List<Registration> registrations, RulebookRegistry registry) {
    }
}
