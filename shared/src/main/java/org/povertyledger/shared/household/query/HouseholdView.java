package org.povertyledger.shared.household.query;

import java.time.Instant;
import java.time.LocalDate;

import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * A household as the register shows it, now or as of a valid date.
 *
 * @param statusSince the effective date of the assessment that gave the status
 * @param lastReviewYear review year of the assessment that gave the status (null when unassessed)
 * @param asOf the valid date the view answers for (null: current)
 * @param position the log position of the last event reflected in this view
 * @param recordedAt when that event was recorded
 */
public record HouseholdView(
        String householdId,
        String communeCode,
        String village,
        Area area,
        String headName,
        String ethnicity,
        boolean ethnicMinority,
        int members,
        PovertyStatus status,
        LocalDate statusSince,
        Integer lastReviewYear,
        String rulebookId,
        Integer rulebookVersion,
        LocalDate asOf,
        long position,
        Instant recordedAt) {
}
