package org.povertyledger.shared.audit.value;

/** The verdict of re-running one recorded decision. */
public enum ReplayOutcome {
    /** The recorded rulebook, re-run on the recorded inputs, gives the recorded status and deprivation count. */
    AGREES,
    /** It gives something else, or refuses the recorded inputs; the differing criteria are named. */
    DIVERGES,
    /** The rulebook id and version the decision names is not registered, so it cannot be re-run. */
    UNKNOWN_RULEBOOK
}
