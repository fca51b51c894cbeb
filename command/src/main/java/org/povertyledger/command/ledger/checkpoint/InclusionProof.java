package org.povertyledger.command.ledger.checkpoint;

import org.povertyledger.command.ledger.audit.SignedCheckpoint;

import java.util.List;

/**
 * RFC 6962 audit path of one event in the tree a checkpoint signs. The leaf data is the event's chain hash
 * ({@code eventHash}), the leaf {@code SHA-256(0x00 || eventHash)}; {@code leafIndex = position - 1}.
 */
public record InclusionProof(long position, long leafIndex, long treeSize, String eventHash, String leafHash,
                             List<String> auditPath, String merkleRoot, SignedCheckpoint checkpoint) {
}
