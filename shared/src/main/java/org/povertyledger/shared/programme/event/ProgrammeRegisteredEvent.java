package org.povertyledger.shared.programme.event;

import java.time.LocalDate;

import org.povertyledger.shared.programme.value.ProgrammeCode;

/** A national target programme was registered with its period and legal basis. */
public record ProgrammeRegisteredEvent(
        ProgrammeCode programmeCode,
        String name,
        int firstYear,
        int lastYear,
        String legalBasis,
        LocalDate effectiveDate) {
}
