package org.povertyledger.shared.programme.command;

/**
 * An allocation's figures after a command, in whole VND, counting every recorded change whatever its date.
 *
 * @param remaining allocated minus disbursed
 */
public record AllocationBalance(String allocationId, long allocated, long disbursed, long remaining, boolean closed) {
}
