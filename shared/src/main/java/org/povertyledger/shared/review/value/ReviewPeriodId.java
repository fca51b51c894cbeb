package org.povertyledger.shared.review.value;

import java.util.Objects;

import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.ReviewYear;

/**
 * One commune's review of one year.
 *
 * <p>{@link #toString()} is the period's stream id in the ledger ({@code review-period:24612:2024}), prefixed so it
 * can never collide with a household id.
 *
 * @param communeCode the commune whose review it is
 * @param year        the review year
 */
public record ReviewPeriodId(CommuneCode communeCode, ReviewYear year) {

    /** Prefix of a period's stream id in the ledger. */
    public static final String STREAM_PREFIX = "review-period:";

    public ReviewPeriodId {
        Objects.requireNonNull(communeCode, "communeCode");
        Objects.requireNonNull(year, "year");
    }

    /** The period of a commune code and a year as given on a request; invalid values are refused by field. */
    public static ReviewPeriodId of(String communeCode, int year) {
        return new ReviewPeriodId(new CommuneCode(communeCode), new ReviewYear(year));
    }

    @Override
    public String toString() {
        return STREAM_PREFIX + communeCode.value() + ":" + year.value();
    }
}
