package org.povertyledger.shared.common;

/**
 * An amount in whole Vietnamese dong. Never negative; the programme's figures stay far below the
 * upper bound, which only exists to refuse obvious typing errors.
 */
public record Vnd(long value) {

    /** 10^15 VND: orders of magnitude above a national programme's budget. */
    public static final long MAX = 1_000_000_000_000_000L;

    public Vnd {
        Require.range("amount", value, 0, MAX);
    }

    public static Vnd of(String field, long value) {
        Require.range(field, value, 0, MAX);
        return new Vnd(value);
    }
}
