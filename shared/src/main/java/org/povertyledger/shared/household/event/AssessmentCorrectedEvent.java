package org.povertyledger.shared.household.event;

import java.time.LocalDate;
import java.util.SortedSet;

import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;

/**
 * A recorded assessment was corrected. The corrected event stays in the log; this one replaces its
 * outcome from now on.
 *
 * @param correctedEventId the event this correction names (an assessment or an earlier correction)
 * @param assessmentId the event id of the original assessment, the identity of the assessment
 * @param previousStatus the outcome of the assessment before this correction
 */
public record AssessmentCorrectedEvent(
        HouseholdId householdId,
        String correctedEventId,
        String assessmentId,
        int reviewYear,
        ReviewKind reviewKind,
        LocalDate surveyDate,
        Area area,
        long incomePerCapitaMonthly,
        Livelihood livelihood,
        SortedSet<String> deprivations,
        String decisionRef,
        LocalDate effectiveDate,
        String rulebookId,
        int rulebookVersion,
        int deprivationCount,
        PovertyStatus previousStatus,
        PovertyStatus status,
        String reason) implements HouseholdEvent {
}
