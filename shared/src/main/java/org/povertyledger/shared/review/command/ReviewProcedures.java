package org.povertyledger.shared.review.command;

import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.ReviewYear;

/** The identity of a commune's review procedure of a year: {@code review-<commune>-<year>}. */
public final class ReviewProcedures {

    private ReviewProcedures() {
    }

    public static String id(CommuneCode communeCode, ReviewYear reviewYear) {
        return "review-" + communeCode.value() + "-" + reviewYear.value();
    }
}
