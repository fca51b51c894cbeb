package org.povertyledger.shared.importing.value;

import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;

/**
 * What an import did with its rows.
 *
 * @param rows data rows read (header excluded)
 * @param accepted rows that wrote at least one event
 * @param rejected rows refused with a reason; nothing was written for them
 * @param unchanged rows whose facts the ledger already held; nothing was written for them
 */
public record ImportCounts(long rows, long accepted, long rejected, long unchanged) {

    public ImportCounts {
        Require.range("rows", rows, 0, Long.MAX_VALUE);
        Require.range("accepted", accepted, 0, Long.MAX_VALUE);
        Require.range("rejected", rejected, 0, Long.MAX_VALUE);
        Require.range("unchanged", unchanged, 0, Long.MAX_VALUE);
        if (accepted + rejected + unchanged != rows) {
            throw new ValidationException("rows", "sum-of-outcomes",
                    "accepted + rejected + unchanged must equal rows");
        }
    }
}
