package org.povertyledger.shared.rulebook.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.rulebook.RulebookDefinition;

/**
 * Registers a version of a rulebook in the deployment's rulebook catalogue (one catalogue, so that overlapping
 * periods of different rulebooks in the same scope are refused consistently).
 */
public record RegisterRulebookCommand(@TargetAggregateIdentifier String catalogueId, RulebookDefinition definition) {

    /** The identifier of the one rulebook catalogue. */
    public static final String CATALOGUE = "rulebook-catalogue";

    public RegisterRulebookCommand {
        Require.present("catalogueId", catalogueId);
        Require.present("definition", definition);
    }

    public static RegisterRulebookCommand of(RulebookDefinition definition) {
        return new RegisterRulebookCommand(CATALOGUE, definition);
    }
}
