package org.povertyledger.shared.benefit.query;

import org.povertyledger.shared.benefit.value.BenefitKind;

/**
 * Benefits of one kind in a year.
 *
 * @param households distinct households that received it
 * @param benefits benefit records
 * @param amount their total amount in whole VND (records without an amount count 0)
 */
public record BenefitKindCount(BenefitKind kind, int households, int benefits, long amount) {
}
