package org.povertyledger.shared.benefit.query;

import java.math.BigDecimal;

/**
 * How many of a group were covered.
 *
 * @param rate covered as a percentage of eligible (2 decimals), {@code null} when nobody is eligible
 */
public record Coverage(int eligible, int covered, BigDecimal rate) {
}
