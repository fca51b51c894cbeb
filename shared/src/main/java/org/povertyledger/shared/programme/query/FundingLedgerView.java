package org.povertyledger.shared.programme.query;

import java.time.LocalDate;
import java.util.List;

/**
 * The funding ledger of a programme as of a valid date.
 *
 * @param position the highest log position reflected
 */
public record FundingLedgerView(
        String programmeCode,
        String name,
        LocalDate asOf,
        FundingFigures totals,
        List<ProjectFunding> projects,
        long position) {
}
