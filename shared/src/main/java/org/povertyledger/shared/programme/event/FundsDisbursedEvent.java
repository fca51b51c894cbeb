package org.povertyledger.shared.programme.event;

import java.time.LocalDate;

import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.programme.value.AllocationId;

/**
 * Part of an allocation was paid out.
 *
 * @param allocated the allocation's amount when the disbursement was recorded (all changes counted)
 * @param disbursedAfter the disbursed total including this disbursement; never above {@code allocated}
 */
public record FundsDisbursedEvent(
        AllocationId allocationId,
        Vnd amount,
        LocalDate disbursementDate,
        String purpose,
        String payee,
        String voucherRef,
        Vnd allocated,
        Vnd disbursedAfter) {
}
