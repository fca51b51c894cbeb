package org.povertyledger.shared.programme.event;

import java.time.LocalDate;

import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.programme.value.AdjustmentDirection;
import org.povertyledger.shared.programme.value.AllocationId;

/**
 * An allocation was raised or lowered from {@code effectiveDate}.
 *
 * @param allocatedBefore the allocation's amount before the change (all changes counted)
 * @param allocatedAfter the allocation's amount after it; never below the disbursed total
 */
public record AllocationAdjustedEvent(
        AllocationId allocationId,
        AdjustmentDirection direction,
        Vnd amount,
        Vnd allocatedBefore,
        Vnd allocatedAfter,
        String decisionRef,
        LocalDate effectiveDate,
        String reason) {
}
