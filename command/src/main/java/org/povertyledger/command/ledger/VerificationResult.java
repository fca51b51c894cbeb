package org.povertyledger.command.ledger;

/**
 * Outcome of walking the hash chain.
 *
 * @param ok                  whether every event from position 1 to the head checked out
 * @param eventsChecked       events whose hash was recomputed and matched
 * @param headPosition        last position verified good (the ledger head when {@code ok})
 * @param headHash            hash at {@code headPosition}
 * @param firstBrokenPosition first position found wrong, {@code null} when {@code ok}
 * @param failure             what kind of damage, {@code null} when {@code ok}
 * @param reason              human-readable detail, {@code null} when {@code ok}
 */
public record VerificationResult(boolean ok, long eventsChecked, long headPosition, String headHash,
                                 Long firstBrokenPosition, Failure failure, String reason) {

    /** Kinds of damage the verifier tells apart. */
    public enum Failure {
        /** A recomputed hash differs from the stored one: a field was edited, or events were reordered. */
        HASH_MISMATCH,
        /** Positions are missing: a commit was deleted, or the ledger was truncated below a recorded head. */
        GAP,
        /** A commit document does not have the expected shape (types, counts, positions, stream keys). */
        MALFORMED,
        /** The signed checkpoint the chain is checked against is itself invalid (signature, key). */
        CHECKPOINT
    }

    static VerificationResult ok(long eventsChecked, LedgerHead head) {
        return new VerificationResult(true, eventsChecked, head.position(), head.hash(), null, null, null);
    }

    /** Damage found outside the chain walk, e.g. in the checkpoint the chain is anchored to. */
    public static VerificationResult broken(long eventsChecked, LedgerHead lastGood, long position, Failure failure,
                                     String reason) {
        return new VerificationResult(false, eventsChecked, lastGood.position(), lastGood.hash(), position, failure,
                reason);
    }
}
