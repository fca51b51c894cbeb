package org.povertyledger.shared.programme.value;

import java.math.BigDecimal;

import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.common.Vnd;

/** Guards for the amounts and quantities of funding and outputs, each naming the field and the rule. */
public final class Amounts {

    /** Quantities are kept to at most this many decimals (e.g. road length in km to the metre). */
    public static final int MAX_QUANTITY_SCALE = 3;

    private Amounts() {
    }

    /** A money amount that must be more than zero (rule {@code positive}). */
    public static Vnd positive(String field, Vnd amount) {
        Require.present(field, amount);
        if (amount.value() <= 0) {
            throw new ValidationException(field, "positive", field + " must be more than 0 VND");
        }
        return amount;
    }

    /** A money amount in whole VND that must be more than zero (rule {@code positive}). */
    public static Vnd positive(String field, long amount) {
        if (amount <= 0) {
            throw new ValidationException(field, "positive", field + " must be more than 0 VND");
        }
        return Vnd.of(field, amount);
    }

    /**
     * A quantity that must be more than zero with at most {@value #MAX_QUANTITY_SCALE} decimals; returned without
     * trailing zeros so equal quantities are stored with equal text.
     */
    public static BigDecimal positiveQuantity(String field, BigDecimal quantity) {
        Require.present(field, quantity);
        if (quantity.signum() <= 0) {
            throw new ValidationException(field, "positive", field + " must be more than 0");
        }
        BigDecimal normalized = quantity.stripTrailingZeros();
        if (normalized.scale() > MAX_QUANTITY_SCALE) {
            throw new ValidationException(field, "max-scale:" + MAX_QUANTITY_SCALE,
                    field + " must have at most " + MAX_QUANTITY_SCALE + " decimals");
        }
        if (normalized.compareTo(BigDecimal.valueOf(Vnd.MAX)) > 0) {
            throw new ValidationException(field, "max:" + Vnd.MAX, field + " must be at most " + Vnd.MAX);
        }
        return normalized.scale() < 0 ? normalized.setScale(0) : normalized;
    }
}
