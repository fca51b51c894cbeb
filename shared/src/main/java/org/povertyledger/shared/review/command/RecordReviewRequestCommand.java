package org.povertyledger.shared.review.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.ReviewYear;

/** A household asked the commune for an on-demand review on a date (the 15-day deadline runs from it). */
public record RecordReviewRequestCommand(@TargetAggregateIdentifier String procedureId, CommuneCode communeCode,
                                         ReviewYear reviewYear, HouseholdId householdId, LocalDate requestDate) {

    public RecordReviewRequestCommand {
        Require.present("communeCode", communeCode);
        Require.present("reviewYear", reviewYear);
        procedureId = ReviewProcedures.id(communeCode, reviewYear);
        Require.present("householdId", householdId);
        Require.present("requestDate", requestDate);
    }
}
