package org.povertyledger.command.rulebook;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.rulebook.RulebookDefinition;
import org.povertyledger.shared.rulebook.command.RegisterRulebookCommand;
import org.povertyledger.shared.rulebook.event.RulebookRegisteredEvent;

/**
 * The deployment's rulebooks and their versions. Versions of a rulebook are numbered 1, 2, ... without gaps and
 * keep its scope; two different rulebooks of the same scope may not be in force in the same review year (by
 * their latest versions), so the rulebook in force for a year is never ambiguous. A version is never changed:
 * a corrected rule is a new version, and decisions keep naming the version that made them.
 */
@Aggregate
class RulebookCatalogue {

    @AggregateIdentifier
    private String catalogueId;
    /** Every registered version, by rulebook id, in version order. */
    private final Map<String, List<RulebookDefinition>> versions = new LinkedHashMap<>();

    RulebookCatalogue() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterRulebookCommand command) {
        RulebookDefinition definition = command.definition();
        List<RulebookDefinition> existing = versions.getOrDefault(definition.rulebookId(), List.of());
        if (existing.stream().anyMatch(d -> d.version() == definition.version())) {
            throw new DomainException(ErrorCode.RULEBOOK_VERSION_EXISTS, "version", "unique",
                    definition.rulebookId() + " v" + definition.version() + " is already registered; a changed rule "
                            + "is a new version",
                    Map.of("rulebookId", definition.rulebookId(), "version", definition.version()));
        }
        int next = existing.size() + 1;
        if (definition.version() != next) {
            throw new DomainException(ErrorCode.RULEBOOK_VERSION_OUT_OF_SEQUENCE, "version", "next-version",
                    "the next version of " + definition.rulebookId() + " is " + next,
                    Map.of("rulebookId", definition.rulebookId(), "expectedVersion", next));
        }
        if (!existing.isEmpty() && !existing.get(0).scope().equals(definition.scope())) {
            throw new DomainException(ErrorCode.RULEBOOK_SCOPE_CHANGED, "scope", "same-scope",
                    definition.rulebookId() + " applies to " + existing.get(0).scope() + "; another scope is another "
                            + "rulebook",
                    Map.of("scope", existing.get(0).scope()));
        }
        for (List<RulebookDefinition> other : versions.values()) {
            RulebookDefinition latest = other.get(other.size() - 1);
            if (!latest.rulebookId().equals(definition.rulebookId()) && latest.scope().equals(definition.scope())
                    && latest.overlaps(definition)) {
                throw new DomainException(ErrorCode.RULEBOOK_PERIOD_OVERLAP, "firstReviewYear", "no-overlap-in-scope",
                        definition.rulebookId() + " (" + definition.firstReviewYear() + "-"
                                + definition.lastReviewYear() + ") overlaps " + latest.rulebookId() + " v"
                                + latest.version() + " (" + latest.firstReviewYear() + "-" + latest.lastReviewYear()
                                + ") in scope " + definition.scope(),
                        Map.of("overlaps", latest.rulebookId(), "overlapsVersion", latest.version(),
                                "overlapsFrom", latest.firstReviewYear(), "overlapsTo", latest.lastReviewYear()));
            }
        }
        apply(new RulebookRegisteredEvent(command.catalogueId(), definition));
    }

    @EventSourcingHandler
    void on(RulebookRegisteredEvent event) {
        catalogueId = event.catalogueId();
        versions.computeIfAbsent(event.definition().rulebookId(), id -> new ArrayList<>()).add(event.definition());
    }
}
