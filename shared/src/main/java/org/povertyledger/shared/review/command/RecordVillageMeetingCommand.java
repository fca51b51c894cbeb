package org.povertyledger.shared.review.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.ReviewYear;

/**
 * A village meeting of the review was held: how many attended and how many agreed with the list, and where its
 * minutes are.
 */
public record RecordVillageMeetingCommand(@TargetAggregateIdentifier String procedureId, CommuneCode communeCode,
                                          ReviewYear reviewYear, String village, LocalDate date, int attendees,
                                          int inFavour, String minutesRef) {

    public RecordVillageMeetingCommand {
        Require.present("communeCode", communeCode);
        Require.present("reviewYear", reviewYear);
        procedureId = ReviewProcedures.id(communeCode, reviewYear);
        village = Require.text("village", village, 100);
        Require.present("date", date);
        Require.range("attendees", attendees, 1, 100_000);
        Require.range("inFavour", inFavour, 0, 100_000);
        if (inFavour > attendees) {
            throw new ValidationException("inFavour", "max:attendees",
                    "inFavour (" + inFavour + ") exceeds the attendees (" + attendees + ")");
        }
        minutesRef = Require.text("minutesRef", minutesRef, 100);
    }
}
