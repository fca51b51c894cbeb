package org.povertyledger.shared.audit.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.RandomIds;
import org.povertyledger.shared.common.Require;

/**
 * Identifier of a decision replay: {@code rpl_} and 8 to 40 letters or digits. Issued by the service, so that it
 * cannot collide with another aggregate's id in the ledger's stream keys.
 */
public record ReplayId(String value) {

    private static final Pattern SHAPE = Pattern.compile("rpl_[A-Za-z0-9]{8,40}");

    public ReplayId {
        Require.matches("replayId", value, SHAPE, "rpl_ followed by 8-40 letters or digits");
    }

    /** A new random identifier (about 103 bits). */
    public static ReplayId generate() {
        return new ReplayId(RandomIds.generate("rpl_", 20));
    }

    @Override
    public String toString() {
        return value;
    }
}
