package org.povertyledger.shared.programme.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.programme.value.AllocationId;

/**
 * Closes an allocation: nothing more can be disbursed from it or adjusted, and what was not disbursed lapses.
 *
 * @param closingDate the date the allocation closes; not before its last disbursement
 * @param reason why (mandatory)
 * @param decisionRef the decision closing it, or {@code null}
 */
public record CloseAllocationCommand(
        @TargetAggregateIdentifier AllocationId allocationId,
        LocalDate closingDate,
        String reason,
        String decisionRef) {

    public CloseAllocationCommand {
        Require.present("allocationId", allocationId);
        Require.present("closingDate", closingDate);
        reason = Require.text("reason", reason, 1000);
        decisionRef = decisionRef == null || decisionRef.isBlank() ? null : Require.text("decisionRef", decisionRef, 100);
    }
}
