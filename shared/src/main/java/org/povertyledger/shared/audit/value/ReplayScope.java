package org.povertyledger.shared.audit.value;

import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.ReviewYear;

/**
 * Which recorded decisions a replay re-runs. Every part is optional and the parts combine (all must hold); an
 * empty scope is the whole log up to its head when the replay starts.
 *
 * @param householdId only this household's decisions
 * @param communeCode only decisions on households registered in this commune when the decision was recorded
 * @param reviewYear only decisions of this review year
 * @param fromPosition first log position replayed (inclusive, at least 1)
 * @param toPosition last log position replayed (inclusive); the head when absent
 */
public record ReplayScope(HouseholdId householdId, CommuneCode communeCode, ReviewYear reviewYear,
                          Long fromPosition, Long toPosition) {

    public ReplayScope {
        if (fromPosition != null && fromPosition < 1) {
            throw new ValidationException("fromPosition", "min:1", "fromPosition must be at least 1");
        }
        if (toPosition != null && toPosition < 1) {
            throw new ValidationException("toPosition", "min:1", "toPosition must be at least 1");
        }
        if (fromPosition != null && toPosition != null && toPosition < fromPosition) {
            throw new ValidationException("toPosition", "not-before-fromPosition",
                    "toPosition " + toPosition + " is before fromPosition " + fromPosition);
        }
    }

    /** The whole log. */
    public static ReplayScope everything() {
        return new ReplayScope(null, null, null, null, null);
    }

    /** Whether a decision on this household, commune and review year is in scope (positions aside). */
    public boolean covers(String household, String commune, int year) {
        return (householdId == null || householdId.value().equals(household))
                && (communeCode == null || communeCode.value().equals(commune))
                && (reviewYear == null || reviewYear.value() == year);
    }
}
