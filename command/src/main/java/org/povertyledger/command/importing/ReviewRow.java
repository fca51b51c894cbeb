package org.povertyledger.command.importing;

import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.review.command.RecordPublicPostingCommand;
import org.povertyledger.shared.review.command.RecordVillageMeetingCommand;

/**
 * A valid row of the annual review: the household as the register should know it and its assessment for the
 * import's review year, and the review procedure's steps the row gives (the village meeting of its village, the
 * commune's posting of the list; {@code null} when not given). Its identity is (household id, review year, review
 * kind).
 */
public record ReviewRow(long row, RegisterHouseholdCommand registration, RecordAssessmentCommand assessment,
                        RecordVillageMeetingCommand meeting, RecordPublicPostingCommand posting) {

    public ReviewRow(long row, RegisterHouseholdCommand registration, RecordAssessmentCommand assessment) {
        this(row, registration, assessment, null, null);
    }

    /** Whether the row gives a step of the review procedure. */
    public boolean hasSteps() {
        return meeting != null || posting != null;
    }

    public String householdId() {
        return registration.householdId().value();
    }

    /** {@code householdId/reviewYear/reviewKind}: the row's identity, from which its idempotency keys derive. */
    public String identity() {
        return householdId() + "/" + assessment.reviewYear().value() + "/" + assessment.reviewKind();
    }
}
