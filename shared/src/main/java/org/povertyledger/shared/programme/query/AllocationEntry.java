package org.povertyledger.shared.programme.query;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One recorded change of an allocation.
 *
 * @param type {@code ALLOCATED}, {@code DISBURSED}, {@code ADJUSTED} or {@code CLOSED}
 * @param effectiveDate the date the change holds from (the disbursement or closing date for those)
 * @param amount the change in whole VND: positive for an allocation, increase or disbursement, negative for a
 *        decrease, the lapsed amount for a closing
 * @param allocatedAfter the allocation's amount after this change, in recording order
 * @param disbursedAfter the disbursed total after this change, in recording order
 * @param inEffect whether the change is in effect on the view's date
 */
public record AllocationEntry(
        long position,
        String eventId,
        String type,
        LocalDate effectiveDate,
        long amount,
        long allocatedAfter,
        long disbursedAfter,
        String decisionRef,
        String purpose,
        String payee,
        String voucherRef,
        String reason,
        String actorId,
        String actorRole,
        Instant recordedAt,
        boolean inEffect) {
}
