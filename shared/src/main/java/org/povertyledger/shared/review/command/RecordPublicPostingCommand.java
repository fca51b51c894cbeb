package org.povertyledger.shared.review.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.ReviewYear;

/** The commune posted the review's list publicly from one date to another (both inclusive). */
public record RecordPublicPostingCommand(@TargetAggregateIdentifier String procedureId, CommuneCode communeCode,
                                         ReviewYear reviewYear, LocalDate from, LocalDate to, String place) {

    public RecordPublicPostingCommand {
        Require.present("communeCode", communeCode);
        Require.present("reviewYear", reviewYear);
        procedureId = ReviewProcedures.id(communeCode, reviewYear);
        Require.present("from", from);
        Require.present("to", to);
        if (to.isBefore(from)) {
            throw new ValidationException("to", "not-before-from", "the posting ends (" + to + ") before it starts ("
                    + from + ")");
        }
        place = Require.text("place", place, 200);
    }
}
