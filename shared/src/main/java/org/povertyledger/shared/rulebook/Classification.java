package org.povertyledger.shared.rulebook;

import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * The outcome of a rulebook: the status, the number of deprivations counted, and which rulebook and
 * version produced it, so that an auditor can re-run exactly that rule.
 */
public record Classification(PovertyStatus status, int deprivationCount, String rulebookId, int rulebookVersion,
                             long incomeLine) {
}
