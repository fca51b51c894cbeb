package org.povertyledger.shared.household.event;

import java.time.LocalDate;
import java.util.SortedSet;

import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;

/**
 * A review's outcome for a household: the inputs, the rulebook and version that classified them, the
 * deprivation count and the resulting status. The event's own id identifies the assessment.
 */
public record AssessmentRecordedEvent(
        HouseholdId householdId,
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
        PovertyStatus status) implements HouseholdEvent {
}
