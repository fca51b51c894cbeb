package org.povertyledger.command.programme;

import java.util.Optional;

import org.povertyledger.shared.programme.value.AllocationId;

/** Finds an allocation that a benefit or an output names as having paid for it. */
@FunctionalInterface
public interface AllocationLookup {

    /** The allocation's terms, or empty when no such allocation was made. */
    Optional<AllocationTerms> allocation(AllocationId allocationId);
}
