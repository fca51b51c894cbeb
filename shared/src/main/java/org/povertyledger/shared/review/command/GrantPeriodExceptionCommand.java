package org.povertyledger.shared.review.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.review.value.ReviewPeriodId;

/**
 * Opens one household of a submitted, approved or locked period for one assessment or correction (an ADMIN's
 * act, e.g. after a complaint upheld). The exception is used up by the write it allows.
 *
 * @param periodId    the commune and review year
 * @param householdId the household opened
 * @param reason      why (mandatory)
 * @param legalBasis  the decision allowing it (mandatory)
 */
public record GrantPeriodExceptionCommand(
        @TargetAggregateIdentifier ReviewPeriodId periodId,
        HouseholdId householdId,
        String reason,
        String legalBasis) {

    public GrantPeriodExceptionCommand {
        Require.present("periodId", periodId);
        Require.present("householdId", householdId);
        reason = Require.text("reason", reason, 1000);
        legalBasis = Require.text("legalBasis", legalBasis, 100);
    }
}
