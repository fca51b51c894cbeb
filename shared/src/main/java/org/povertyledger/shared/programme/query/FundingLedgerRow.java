package org.povertyledger.shared.programme.query;

import org.povertyledger.shared.programme.value.FundingSource;

/** One cell of the funding ledger: a sub-project's funds of one fiscal year and source for one recipient unit. */
public record FundingLedgerRow(int fiscalYear, FundingSource source, String unitCode, FundingFigures figures) {
}
