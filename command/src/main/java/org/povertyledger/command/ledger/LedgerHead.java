package org.povertyledger.command.ledger;

import org.povertyledger.command.ledger.audit.LedgerHashing;
import java.util.Objects;

/**
 * The end of the ledger: the global position of the last event and that event's chain hash.
 * An empty ledger has position 0 and the {@linkplain LedgerHashing#GENESIS_HASH genesis hash}.
 *
 * @param position last global position, 0 when empty
 * @param hash     lowercase hex SHA-256 chain hash of the event at {@code position}
 */
public record LedgerHead(long position, String hash) {

    public static final LedgerHead EMPTY = new LedgerHead(0, LedgerHashing.GENESIS_HASH);

    public LedgerHead {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
        Objects.requireNonNull(hash, "hash");
    }
}
