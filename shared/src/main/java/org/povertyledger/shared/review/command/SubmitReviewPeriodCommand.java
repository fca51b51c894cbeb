package org.povertyledger.shared.review.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.review.value.ReviewPeriodId;

/**
 * The commune officer submits the commune's list of the year for approval (the village meetings held, the list posted).
 *
 * @param periodId    the commune and review year
 * @param decisionRef the signed decision this step refers to (mandatory)
 * @param note        a remark for the record, or {@code null}
 */
public record SubmitReviewPeriodCommand(
        @TargetAggregateIdentifier ReviewPeriodId periodId,
        String decisionRef,
        String note) {

    public SubmitReviewPeriodCommand {
        Require.present("periodId", periodId);
        decisionRef = Require.text("decisionRef", decisionRef, 100);
        note = note == null || note.isBlank() ? null : Require.text("note", note, 1000);
    }
}
