package org.povertyledger.shared.rulebook.event;

import org.povertyledger.shared.rulebook.RulebookDefinition;

/** A rulebook version was registered: its whole definition, thresholds, indicators, period and legal basis. */
public record RulebookRegisteredEvent(String catalogueId, RulebookDefinition definition) {
}
