package org.povertyledger.shared.household.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.HouseholdId;

/**
 * Corrects a recorded assessment with new inputs. The corrected event stays in the log; the correction
 * is a new event that names it and gives the reason.
 *
 * @param correctsEventId the event id of the assessment (or of an earlier correction of it) being corrected
 */
public record CorrectAssessmentCommand(
        @TargetAggregateIdentifier HouseholdId householdId,
        String correctsEventId,
        LocalDate surveyDate,
        AssessmentFindings findings,
        String decisionRef,
        LocalDate effectiveDate,
        String reason) {

    public CorrectAssessmentCommand {
        Require.present("householdId", householdId);
        correctsEventId = Require.text("correctsEventId", correctsEventId, 64);
        Require.present("surveyDate", surveyDate);
        Require.present("findings", findings);
        decisionRef = Require.text("decisionRef", decisionRef, 100);
        Require.present("effectiveDate", effectiveDate);
        reason = Require.text("reason", reason, 1000);
    }
}
