package org.povertyledger.shared.rulebook;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;

/** Checks shared by the rulebooks. */
final class Rulebooks {

    private Rulebooks() {
    }

    /** Refuses any deprivation code the rulebook does not define, naming the allowed ones. */
    static int countKnownDeprivations(Rulebook rulebook, Set<String> deprivations) {
        for (String code : deprivations) {
            if (!rulebook.indicators().contains(code)) {
                throw new ValidationException(ErrorCode.UNKNOWN_DEPRIVATION, "deprivations", "known-indicator",
                        "deprivation '" + code + "' is not an indicator of " + rulebook.id() + " v" + rulebook.version(),
                        Map.of("rulebookId", rulebook.id(), "allowed", List.copyOf(new TreeSet<>(rulebook.indicators())),
                                "rejected", code));
            }
        }
        return deprivations.size();
    }
}
