package org.povertyledger.command.ledger.embedded;

/**
 * What a compaction of the embedded store's file did.
 *
 * @param fileBytesBefore the file's size before
 * @param fileBytesAfter the file's size after
 * @param passes the compaction passes the store has run since it was opened (requested and quiet-period ones)
 */
public record StoreCompaction(long fileBytesBefore, long fileBytesAfter, long passes) {
}
