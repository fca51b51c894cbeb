package org.povertyledger.shared.programme.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.programme.value.AdjustmentDirection;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.Amounts;

/**
 * Raises or lowers an allocation from {@code effectiveDate} under a decision. A decrease is refused, writing
 * nothing, when it would leave less allocated than already disbursed on that date or any later date.
 *
 * @param amount the size of the change in whole VND, more than zero
 * @param reason why (mandatory)
 */
public record AdjustAllocationCommand(
        @TargetAggregateIdentifier AllocationId allocationId,
        AdjustmentDirection direction,
        Vnd amount,
        String decisionRef,
        LocalDate effectiveDate,
        String reason) {

    public AdjustAllocationCommand {
        Require.present("allocationId", allocationId);
        Require.present("direction", direction);
        Amounts.positive("amount", amount);
        decisionRef = Require.text("decisionRef", decisionRef, 100);
        Require.present("effectiveDate", effectiveDate);
        reason = Require.text("reason", reason, 1000);
    }
}
