package org.povertyledger.shared.review.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.review.value.ReviewPeriodId;

/**
 * The district approves a submitted list. Maker and checker: the approver is not the user who submitted it.
 *
 * @param periodId    the commune and review year
 * @param decisionRef the signed decision this step refers to (mandatory)
 * @param note        a remark for the record, or {@code null}
 */
public record ApproveReviewPeriodCommand(
        @TargetAggregateIdentifier ReviewPeriodId periodId,
        String decisionRef,
        String note) {

    public ApproveReviewPeriodCommand {
        Require.present("periodId", periodId);
        decisionRef = Require.text("decisionRef", decisionRef, 100);
        note = note == null || note.isBlank() ? null : Require.text("note", note, 1000);
    }
}
