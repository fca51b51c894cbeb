package org.povertyledger.command.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.SortedSet;

import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.rulebook.AssessmentInputs;

/**
 * One classification as the ledger holds it: an assessment or a correction, with the inputs it recorded, the
 * rulebook and version it names, its outcome, and who recorded it when under which decision. Values are kept as
 * stored, unchecked, because a replay must also judge an event that breaks the rules.
 *
 * @param communeCode the household's commune when the decision was recorded (null if its registration is missing)
 * @param village the household's village then
 */
record RecordedDecision(long position, String eventId, Kind kind, String householdId, String communeCode,
                        String village, String assessmentId, int reviewYear, ReviewKind reviewKind,
                        LocalDate surveyDate, Area area, long income,
                        Livelihood livelihood, SortedSet<String> deprivations, String rulebookId, int rulebookVersion,
                        PovertyStatus status, int deprivationCount, String decisionRef, LocalDate effectiveDate,
                        String actorId, Instant recordedAt) {

    /**
     * The rulebook's inputs as recorded.
     *
     * @throws org.povertyledger.shared.common.ValidationException when the recorded values are not valid inputs
     */
    AssessmentInputs inputs() {
        return new AssessmentInputs(area, Vnd.of("incomePerCapitaMonthly", income), livelihood, deprivations);
    }

    /** Which event recorded the classification. */
    enum Kind { ASSESSMENT, CORRECTION }
}
