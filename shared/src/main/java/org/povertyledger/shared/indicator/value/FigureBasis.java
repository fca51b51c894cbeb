package org.povertyledger.shared.indicator.value;

/** Which review figures a derived indicator counts. */
public enum FigureBasis {
    /** Every periodic assessment recorded, whatever the sign-off of its commune's review. */
    RECORDED,
    /**
     * Only the figures of commune-years whose review period is APPROVED or LOCKED at the position the answer is
     * computed at; the others are left out and named.
     */
    APPROVED
}
