package org.povertyledger.shared.audit.event;

import org.povertyledger.shared.audit.value.RestatedAssessment;
import org.povertyledger.shared.audit.value.RestatementId;

/**
 * What one assessment's outcome would be under the restatement's rulebook. A restatement, never a decision: it
 * belongs to the restatement's stream, not the household's, and names the decision it restates, which stays in
 * force.
 */
public record AssessmentRestatedEvent(RestatementId restatementId, String rulebookId, int rulebookVersion,
                                      RestatedAssessment assessment) {
}
