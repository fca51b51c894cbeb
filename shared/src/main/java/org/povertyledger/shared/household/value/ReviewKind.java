package org.povertyledger.shared.household.value;

/** Periodic (annual, 1 Sep - 14 Dec) or on-demand (household's request) review, Decision 24/2021/QD-TTg. */
public enum ReviewKind {
    PERIODIC,
    ON_DEMAND
}
