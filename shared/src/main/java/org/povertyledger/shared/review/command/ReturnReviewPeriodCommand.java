package org.povertyledger.shared.review.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.review.value.ReviewPeriodId;

/**
 * The district sends a submitted list back to the commune, which may then change it and submit it again.
 *
 * @param periodId the commune and review year
 * @param reason   what must change (mandatory)
 */
public record ReturnReviewPeriodCommand(
        @TargetAggregateIdentifier ReviewPeriodId periodId,
        String reason) {

    public ReturnReviewPeriodCommand {
        Require.present("periodId", periodId);
        reason = Require.text("reason", reason, 1000);
    }
}
