package org.povertyledger.command.ledger.embedded;

import java.util.Set;

/**
 * Counters of the embedded store's durability path, for monitoring and for tests that prove the path is taken.
 *
 * @param writeCommands     write commands handled since start (each was fsynced before it was answered)
 * @param syncs             group commits (commit + fsync) performed; lower than {@code writeCommands} when
 *                          concurrent writers shared a sync
 * @param writeCommandNames the distinct command names (lower case) that went through the write path
 */
public record DurabilityStats(long writeCommands, long syncs, Set<String> writeCommandNames) {
}
