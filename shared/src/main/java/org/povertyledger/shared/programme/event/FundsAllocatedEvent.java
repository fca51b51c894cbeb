package org.povertyledger.shared.programme.event;

import java.time.LocalDate;

import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.FiscalYear;
import org.povertyledger.shared.programme.value.FundingSource;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.povertyledger.shared.programme.value.UnitCode;

/**
 * Funds were allocated to a sub-project: the allocation's creation. Carries every dimension the funding ledger is
 * kept by, so that later events need only name the allocation.
 */
public record FundsAllocatedEvent(
        AllocationId allocationId,
        ProgrammeCode programmeCode,
        ProjectCode projectCode,
        SubProjectCode subProjectCode,
        FiscalYear fiscalYear,
        FundingSource source,
        Vnd amount,
        UnitCode recipientUnit,
        String decisionRef,
        LocalDate effectiveDate) {
}
