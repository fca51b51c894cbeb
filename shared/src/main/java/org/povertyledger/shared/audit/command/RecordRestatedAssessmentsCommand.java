package org.povertyledger.shared.audit.command;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.audit.value.RestatedAssessment;
import org.povertyledger.shared.audit.value.RestatementId;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;

/** Records a batch of restated assessments (one event each, one commit per batch). */
public record RecordRestatedAssessmentsCommand(@TargetAggregateIdentifier RestatementId restatementId,
                                               List<RestatedAssessment> assessments) {

    /** The most assessments one batch may carry (the ledger caps a commit at 1,000 events). */
    public static final int MAX_BATCH = 500;

    public RecordRestatedAssessmentsCommand {
        Require.present("restatementId", restatementId);
        assessments = List.copyOf(Require.present("assessments", assessments));
        if (assessments.isEmpty() || assessments.size() > MAX_BATCH) {
            throw new ValidationException("assessments", "size:1.." + MAX_BATCH,
                    "a batch holds 1 to " + MAX_BATCH + " assessments");
        }
    }
}
