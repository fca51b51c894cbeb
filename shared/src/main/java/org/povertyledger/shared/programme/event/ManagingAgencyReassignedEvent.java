package org.povertyledger.shared.programme.event;

import java.time.LocalDate;

import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * A sub-project passed to another managing agency from {@code effectiveDate}.
 *
 * @param previousAgency the agency that managed it on the day before {@code effectiveDate}
 */
public record ManagingAgencyReassignedEvent(
        ProgrammeCode programmeCode,
        SubProjectCode subProjectCode,
        String previousAgency,
        String managingAgency,
        LocalDate effectiveDate,
        String decisionRef) {
}
