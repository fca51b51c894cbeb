package org.povertyledger.shared.programme.query;

import java.time.LocalDate;

import org.povertyledger.shared.programme.value.FundingSource;

/**
 * The funding ledger of a programme by sub-project, fiscal year, source and recipient unit, rolled up to project
 * and programme. Every filter may be {@code null} (no filter).
 *
 * @param asOf the valid date to answer for: allocations, adjustments, disbursements and closings with a later
 *        date are left out; {@code null} counts everything recorded
 */
public record FindFundingLedgerQuery(
        String programmeCode,
        LocalDate asOf,
        Integer fiscalYear,
        String subProjectCode,
        FundingSource source,
        String unitCode) {
}
