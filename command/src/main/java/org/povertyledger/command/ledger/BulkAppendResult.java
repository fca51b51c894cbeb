package org.povertyledger.command.ledger;

/**
 * What {@link MongoLedgerStorageEngine#appendCommits} did: the first {@code written} commits are in the ledger;
 * when {@code refusal} is set, the commit after them was refused (its cause: a stream key or request key already
 * taken, a store failure) and no later commit was written.
 */
public record BulkAppendResult(int written, RuntimeException refusal) {

    public boolean complete() {
        return refusal == null;
    }
}
