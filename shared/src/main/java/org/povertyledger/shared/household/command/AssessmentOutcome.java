package org.povertyledger.shared.household.command;

import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.StatusTransition;

/**
 * What recording or correcting an assessment did: the assessment's classification and what became of
 * the household's current status.
 *
 * @param assessmentId the event id of the assessment's recording, the identity of the assessment; a
 *        correction returns the id of the assessment it corrected, not its own event id
 * @param status the classification this command gave the assessment
 * @param previousStatus the household's current status before the command
 * @param currentStatus the household's current status after the command; differs from {@code status}
 *        when the assessment does not decide the current status (an older review's assessment, or a
 *        correction that moved its effective date behind another assessment)
 * @param transition the named change of the household's current status, {@code null} when the command
 *        left it unchanged
 * @param deprivationCount the number of deprivations the rulebook counted
 * @param rulebookId the rulebook that classified the findings
 * @param rulebookVersion the version of that rulebook
 */
public record AssessmentOutcome(
        String assessmentId,
        PovertyStatus status,
        PovertyStatus previousStatus,
        PovertyStatus currentStatus,
        StatusTransition transition,
        int deprivationCount,
        String rulebookId,
        int rulebookVersion) {
}
