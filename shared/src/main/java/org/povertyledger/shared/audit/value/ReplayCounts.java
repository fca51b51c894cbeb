package org.povertyledger.shared.audit.value;

import org.povertyledger.shared.common.ValidationException;

/**
 * What a replay found: how many decisions it re-ran and how many of them agreed with, diverged from, or could not
 * be checked against their recorded outcome (the rulebook they name is not registered).
 */
public record ReplayCounts(long decisions, long agrees, long diverges, long unknownRulebook) {

    public ReplayCounts {
        if (agrees < 0 || diverges < 0 || unknownRulebook < 0) {
            throw new ValidationException("counts", "min:0", "replay counts cannot be negative");
        }
        if (agrees + diverges + unknownRulebook != decisions) {
            throw new ValidationException("decisions", "sum-of-outcomes",
                    "decisions " + decisions + " is not agrees + diverges + unknownRulebook");
        }
    }
}
