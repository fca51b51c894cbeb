package org.povertyledger.shared.audit.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.RandomIds;
import org.povertyledger.shared.common.Require;

/** Identifier of a restatement: {@code rst_} and 8 to 40 letters or digits, issued by the service. */
public record RestatementId(String value) {

    private static final Pattern SHAPE = Pattern.compile("rst_[A-Za-z0-9]{8,40}");

    public RestatementId {
        Require.matches("restatementId", value, SHAPE, "rst_ followed by 8-40 letters or digits");
    }

    /** A new random identifier (about 103 bits). */
    public static RestatementId generate() {
        return new RestatementId(RandomIds.generate("rst_", 20));
    }

    @Override
    public String toString() {
        return value;
    }
}
