package org.povertyledger.shared.programme.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.Amounts;
import org.povertyledger.shared.programme.value.FiscalYear;
import org.povertyledger.shared.programme.value.FundingSource;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.povertyledger.shared.programme.value.UnitCode;

/**
 * Allocates funds of one source and fiscal year to a sub-project, for an administrative unit, under a decision.
 * Creates the allocation; disbursements, adjustments and closing then refer to its id.
 *
 * @param amount whole VND, more than zero
 * @param recipientUnit the administrative unit that receives and spends the funds
 * @param decisionRef the decision allocating the funds (legal basis)
 * @param effectiveDate the date the allocation holds from
 */
public record AllocateFundsCommand(
        @TargetAggregateIdentifier AllocationId allocationId,
        ProgrammeCode programmeCode,
        SubProjectCode subProjectCode,
        FiscalYear fiscalYear,
        FundingSource source,
        Vnd amount,
        UnitCode recipientUnit,
        String decisionRef,
        LocalDate effectiveDate) {

    public AllocateFundsCommand {
        Require.present("allocationId", allocationId);
        Require.present("programmeCode", programmeCode);
        Require.present("subProjectCode", subProjectCode);
        Require.present("fiscalYear", fiscalYear);
        Require.present("source", source);
        Amounts.positive("amount", amount);
        Require.present("recipientUnitCode", recipientUnit);
        decisionRef = Require.text("decisionRef", decisionRef, 100);
        Require.present("effectiveDate", effectiveDate);
    }
}
