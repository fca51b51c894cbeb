package org.povertyledger.query.household;

import java.time.LocalDate;
import java.util.TreeSet;

import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.StatusTransition;

/** Household events with plausible values; tests name only what they check. */
final class HouseholdEventsFixture {

    static final String COMMUNE = "01234";
    static final String OTHER_COMMUNE = "05678";

    private HouseholdEventsFixture() {
    }

    static HouseholdRegisteredEvent registered(String householdId) {
        return registered(householdId, COMMUNE, "Ban Na", 4, true);
    }

    static HouseholdRegisteredEvent registered(String householdId, String commune, String village, int members,
                                               boolean ethnicMinority) {
        return new HouseholdRegisteredEvent(new HouseholdId(householdId), new CommuneCode(commune), village,
                Area.RURAL, "Lo Van A", ethnicMinority ? "Thai" : "Kinh", ethnicMinority, members);
    }

    static HouseholdDetailsUpdatedEvent moved(String householdId, String commune, String village, int members,
                                              LocalDate effectiveDate) {
        return new HouseholdDetailsUpdatedEvent(new HouseholdId(householdId), new CommuneCode(commune), village,
                members, effectiveDate, "moved after the flood");
    }

    static AssessmentRecordedEvent assessed(String householdId, int reviewYear, LocalDate effectiveDate,
                                            PovertyStatus status) {
        return new AssessmentRecordedEvent(new HouseholdId(householdId), reviewYear, ReviewKind.PERIODIC,
                effectiveDate.minusDays(30), Area.RURAL, 1_200_000L, Livelihood.FARMING_FORESTRY_FISHERY_SALT,
                new TreeSet<>(java.util.List.of("HEALTH_INSURANCE", "HOUSING_AREA")), "QD-12/" + reviewYear,
                effectiveDate, "decree-07-2021", 1, 2, status);
    }

    static AssessmentCorrectedEvent corrected(String householdId, String correctedEventId, String assessmentId,
                                              int reviewYear, LocalDate effectiveDate, PovertyStatus previous,
                                              PovertyStatus status) {
        return new AssessmentCorrectedEvent(new HouseholdId(householdId), correctedEventId, assessmentId,
                reviewYear, ReviewKind.PERIODIC, effectiveDate.minusDays(30), Area.RURAL, 2_500_000L,
                Livelihood.OTHER, new TreeSet<>(), "QD-15/" + reviewYear, effectiveDate, "decree-07-2021", 2, 0,
                previous, status, "income was typed without a digit");
    }

    static HouseholdStatusChangedEvent statusChanged(String householdId, PovertyStatus previous,
                                                     PovertyStatus next, String assessmentId, int reviewYear,
                                                     LocalDate effectiveDate) {
        return new HouseholdStatusChangedEvent(new HouseholdId(householdId), previous, next,
                StatusTransition.between(previous, next, false).orElseThrow(), assessmentId, reviewYear,
                effectiveDate);
    }
}
