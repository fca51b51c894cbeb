package org.povertyledger.shared.programme.command;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.programme.value.Amounts;
import org.povertyledger.shared.programme.value.OutputCode;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * Sets the planned quantity of an output of a sub-project for a year, for one commune or (with no commune) for the
 * whole sub-project. A later plan for the same sub-project, output, year and commune replaces the earlier one from
 * its effective date.
 *
 * @param communeCode the commune planned for, or {@code null} for a plan of the whole sub-project
 */
public record PlanOutputCommand(
        @TargetAggregateIdentifier ProgrammeCode programmeCode,
        SubProjectCode subProjectCode,
        OutputCode outputCode,
        int year,
        CommuneCode communeCode,
        BigDecimal quantity,
        String decisionRef,
        LocalDate effectiveDate) {

    public PlanOutputCommand {
        Require.present("programmeCode", programmeCode);
        Require.present("subProjectCode", subProjectCode);
        Require.present("outputCode", outputCode);
        Require.range("year", year, 2000, 2100);
        quantity = Amounts.positiveQuantity("quantity", quantity);
        decisionRef = Require.text("decisionRef", decisionRef, 100);
        Require.present("effectiveDate", effectiveDate);
    }
}
