package org.povertyledger.shared.programme.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/**
 * Code of a national target programme, e.g. {@code NTP-SPR-2021-2025}: 2 to 40 capital letters, digits and dashes.
 *
 * <p>{@link #toString()} is the programme's stream id in the ledger ({@code programme:NTP-SPR-2021-2025}). Stream
 * ids of every aggregate share one key space; the prefix, whose colon no household id may contain, keeps them
 * apart. Stored events carry the bare {@link #value()}.
 */
public record ProgrammeCode(String value) {

    /** The programme of Decision 90/QD-TTg. */
    public static final String NTP_SPR_2021_2025 = "NTP-SPR-2021-2025";
    /** Prefix of the programme's stream id in the ledger. */
    public static final String STREAM_PREFIX = "programme:";

    private static final Pattern SHAPE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");

    public ProgrammeCode {
        Require.matches("programmeCode", value, SHAPE, "2-40 capital letters, digits or '-'");
    }

    @Override
    public String toString() {
        return STREAM_PREFIX + value;
    }
}
