package org.povertyledger.shared.household.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.ReviewYear;

/**
 * Records the outcome of a review survey for a household. The rulebook for the review year classifies
 * the inputs; the household's area comes from the register.
 *
 * @param incomePerCapitaMonthly average income per person per month in whole VND (never negative)
 * @param deprivations deprivation indicator codes of the rulebook in force for the review year
 * @param decisionRef the commune chairman's decision recognising the list (legal basis)
 * @param effectiveDate the date the classification holds from
 */
public record RecordAssessmentCommand(
        @TargetAggregateIdentifier HouseholdId householdId,
        ReviewYear reviewYear,
        ReviewKind reviewKind,
        LocalDate surveyDate,
        AssessmentFindings findings,
        String decisionRef,
        LocalDate effectiveDate) {

    public RecordAssessmentCommand {
        Require.present("householdId", householdId);
        Require.present("reviewYear", reviewYear);
        Require.present("reviewKind", reviewKind);
        Require.present("surveyDate", surveyDate);
        Require.present("findings", findings);
        decisionRef = Require.text("decisionRef", decisionRef, 100);
        Require.present("effectiveDate", effectiveDate);
    }
}
