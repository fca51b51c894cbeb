package org.povertyledger.shared.programme.query;

import java.time.LocalDate;

import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.shared.programme.value.FundingSource;

/**
 * The funding ledger of a programme by sub-project, fiscal year, source and recipient unit, rolled up to project
 * and programme. Every filter may be {@code null} (no filter).
 *
 * @param asOf the valid date to answer for: allocations, adjustments, disbursements and closings with a later
 *        date are left out; {@code null} counts everything recorded
 * @param scope the units the asking user may see: only allocations to a covered recipient unit enter the rows
 *        and every total
 */
public record FindFundingLedgerQuery(
        String programmeCode,
        LocalDate asOf,
        Integer fiscalYear,
        String subProjectCode,
        FundingSource source,
        String unitCode,
        UnitScope scope) {

    public FindFundingLedgerQuery {
        scope = scope == null ? UnitScope.nationalScope() : scope;
    }

    /** A query over every unit (tools and tests that run without a user). */
    public FindFundingLedgerQuery(String programmeCode, LocalDate asOf, Integer fiscalYear, String subProjectCode,
                                  FundingSource source, String unitCode) {
        this(programmeCode, asOf, fiscalYear, subProjectCode, source, unitCode, UnitScope.nationalScope());
    }
}
