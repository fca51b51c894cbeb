package org.povertyledger.shared.household.event;

import java.time.LocalDate;

import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.StatusTransition;

/**
 * The household's current status changed, and the change has a name (newly poor, escaped poverty, ...).
 *
 * @param assessmentId the assessment whose outcome caused the change
 * @param reviewYear the review year of that assessment
 * @param effectiveDate the date the new status holds from
 */
public record HouseholdStatusChangedEvent(
        HouseholdId householdId,
        PovertyStatus previousStatus,
        PovertyStatus newStatus,
        StatusTransition transition,
        String assessmentId,
        int reviewYear,
        LocalDate effectiveDate) implements HouseholdEvent {
}
