package org.povertyledger.shared.programme.query;

import java.math.BigDecimal;

/**
 * Money figures of one cell of the funding ledger or of a roll-up, in whole VND. {@code allocated = disbursed +
 * remaining + lapsed}.
 *
 * @param remaining allocated minus disbursed of the allocations still open
 * @param lapsed allocated minus disbursed of the closed allocations
 * @param disbursementRate disbursed as a percentage of allocated (2 decimals), {@code null} when nothing is allocated
 * @param allocations the number of allocations counted
 */
public record FundingFigures(long allocated, long disbursed, long remaining, long lapsed,
                             BigDecimal disbursementRate, int allocations) {
}
