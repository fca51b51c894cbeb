package org.povertyledger.command.ledger.checkpoint;

import org.povertyledger.command.ledger.audit.SignedCheckpoint;

import java.util.List;

/** RFC 6962 proof that the tree of checkpoint {@code from} is a prefix of the tree of checkpoint {@code to}. */
public record ConsistencyProof(long fromSize, long toSize, String fromRoot, String toRoot, List<String> proof,
                               SignedCheckpoint from, SignedCheckpoint to) {
}
