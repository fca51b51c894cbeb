package org.povertyledger.shared.programme.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.Amounts;

/**
 * Pays out part of an allocation. Refused, writing nothing, when it would take the disbursed total above the
 * allocated amount on the disbursement date or any later date.
 *
 * @param amount whole VND, more than zero
 * @param disbursementDate the date the money was paid (valid time of the disbursement)
 * @param purpose what the money was paid for
 * @param payee who received it
 * @param voucherRef the payment voucher or treasury reference, or {@code null}
 */
public record DisburseFundsCommand(
        @TargetAggregateIdentifier AllocationId allocationId,
        Vnd amount,
        LocalDate disbursementDate,
        String purpose,
        String payee,
        String voucherRef) {

    public DisburseFundsCommand {
        Require.present("allocationId", allocationId);
        Amounts.positive("amount", amount);
        Require.present("disbursementDate", disbursementDate);
        purpose = Require.text("purpose", purpose, 500);
        payee = Require.text("payee", payee, 200);
        voucherRef = voucherRef == null || voucherRef.isBlank() ? null : Require.text("voucherRef", voucherRef, 100);
    }
}
