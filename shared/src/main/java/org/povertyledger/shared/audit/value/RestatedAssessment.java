package org.povertyledger.shared.audit.value;

import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * One assessment as decided and as restated under another rulebook.
 *
 * @param decisionEventId the event that decided the assessment's current outcome (the assessment or its latest
 *        correction); it stays in force, the restatement only sits beside it
 * @param status the restated status, or null when the rulebook refuses the recorded inputs ({@code refusal} says why)
 */
public record RestatedAssessment(String householdId, String assessmentId, String decisionEventId, String communeCode,
                                 int reviewYear, String decidedRulebookId, int decidedRulebookVersion,
                                 PovertyStatus decidedStatus, PovertyStatus status, Integer deprivationCount,
                                 Long incomeLine, String refusal) {

    public RestatedAssessment {
        Require.present("householdId", householdId);
        Require.present("assessmentId", assessmentId);
        Require.present("decisionEventId", decisionEventId);
        Require.present("decidedStatus", decidedStatus);
        if (status == null) {
            Require.present("refusal", refusal);
        }
    }
}
