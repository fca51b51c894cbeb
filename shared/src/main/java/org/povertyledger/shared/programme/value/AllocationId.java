package org.povertyledger.shared.programme.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/**
 * Identity of one allocation of funds: letters, digits, dot, dash, underscore; 1 to 64 characters.
 *
 * <p>{@link #toString()} is the allocation's stream id in the ledger ({@code allocation:AL-2024-001}), prefixed for
 * the reason given on {@link ProgrammeCode}. Stored events carry the bare {@link #value()}.
 */
public record AllocationId(String value) {

    /** Prefix of an allocation's stream id in the ledger. */
    public static final String STREAM_PREFIX = "allocation:";

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public AllocationId {
        Require.matches("allocationId", value, SHAPE,
                "1-64 letters, digits, '.', '-' or '_', starting with a letter or digit");
    }

    @Override
    public String toString() {
        return STREAM_PREFIX + value;
    }
}
