package org.povertyledger.command.importing;

import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;

/**
 * A valid row of the annual review: the household as the register should know it and its assessment for the
 * import's review year. Its identity is (household id, review year, review kind).
 */
public record ReviewRow(long row, RegisterHouseholdCommand registration, RecordAssessmentCommand assessment) {

    public String householdId() {
        return registration.householdId().value();
    }

    /** {@code householdId/reviewYear/reviewKind}: the row's identity, from which its idempotency keys derive. */
    public String identity() {
        return householdId() + "/" + assessment.reviewYear().value() + "/" + assessment.reviewKind();
    }
}
