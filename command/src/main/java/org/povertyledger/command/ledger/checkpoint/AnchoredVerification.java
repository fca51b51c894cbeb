package org.povertyledger.command.ledger.checkpoint;

import org.povertyledger.command.ledger.VerificationResult;
import org.povertyledger.command.ledger.audit.SignedCheckpoint;

/**
 * The hash chain walked from position 1 and held against the latest signed checkpoint: a checkpoint whose head
 * the chain no longer reaches, or reaches with another hash, is damage even when the chain is self-consistent
 * (the newest commits deleted together with the head hint, or the tail rewritten).
 *
 * @param checkpointPosition position of the checkpoint used, {@code null} when there is none yet
 * @param checkpointKeyId    its key id
 * @param signatureChecked   whether its signature could be checked (the key is this service's)
 */
public record AnchoredVerification(boolean ok, long eventsChecked, long headPosition, String headHash,
                                   Long firstBrokenPosition, VerificationResult.Failure failure, String reason,
                                   Long checkpointPosition, String checkpointKeyId, boolean signatureChecked) {

    static AnchoredVerification of(VerificationResult result, SignedCheckpoint checkpoint, boolean signatureChecked) {
        return new AnchoredVerification(result.ok(), result.eventsChecked(), result.headPosition(), result.headHash(),
                result.firstBrokenPosition(), result.failure(), result.reason(),
                checkpoint == null ? null : checkpoint.position(), checkpoint == null ? null : checkpoint.keyId(),
                signatureChecked);
    }
}
