package org.povertyledger.shared.programme.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.programme.value.ProgrammeCode;

/**
 * Registers a national target programme and its period.
 *
 * @param firstYear first year of the programme period (e.g. 2021)
 * @param lastYear last year of the programme period (e.g. 2025)
 * @param legalBasis the decision approving the programme (e.g. 90/QD-TTg)
 * @param effectiveDate the date the programme was approved
 */
public record RegisterProgrammeCommand(
        @TargetAggregateIdentifier ProgrammeCode programmeCode,
        String name,
        int firstYear,
        int lastYear,
        String legalBasis,
        LocalDate effectiveDate) {

    public RegisterProgrammeCommand {
        Require.present("programmeCode", programmeCode);
        name = Require.text("name", name, 300);
        Require.range("firstYear", firstYear, 2000, 2100);
        Require.range("lastYear", lastYear, 2000, 2100);
        if (lastYear < firstYear) {
            throw new ValidationException("lastYear", "not-before:firstYear", "lastYear must not be before firstYear");
        }
        legalBasis = Require.text("legalBasis", legalBasis, 100);
        Require.present("effectiveDate", effectiveDate);
    }
}
