package org.povertyledger.shared.programme.query;

import java.util.List;

/** A sub-project's funding: its ledger rows and their roll-up. */
public record SubProjectFunding(String subProjectCode, String name, FundingFigures totals,
                                List<FundingLedgerRow> rows) {
}
