package org.povertyledger.shared.programme.event;

import java.time.LocalDate;

import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.programme.value.AllocationId;

/**
 * An allocation was closed; what was not disbursed lapses.
 *
 * @param unspent allocated minus disbursed at closing
 * @param decisionRef the closing decision, or {@code null}
 */
public record AllocationClosedEvent(
        AllocationId allocationId,
        LocalDate closingDate,
        Vnd allocated,
        Vnd disbursed,
        Vnd unspent,
        String reason,
        String decisionRef) {
}
