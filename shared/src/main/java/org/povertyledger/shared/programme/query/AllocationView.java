package org.povertyledger.shared.programme.query;

import java.time.LocalDate;
import java.util.List;

import org.povertyledger.shared.programme.value.FundingSource;

/**
 * An allocation, its figures as of a valid date and every recorded change, oldest first.
 *
 * @param status {@code OPEN}, {@code CLOSED}, or {@code NOT_YET_ALLOCATED} when {@code asOf} precedes the
 *        allocation's effective date
 * @param position the log position of the last event reflected
 */
public record AllocationView(
        String allocationId,
        String programmeCode,
        String projectCode,
        String subProjectCode,
        int fiscalYear,
        FundingSource source,
        String recipientUnitCode,
        String decisionRef,
        LocalDate effectiveDate,
        String status,
        FundingFigures figures,
        List<AllocationEntry> entries,
        LocalDate asOf,
        long position) {
}
