package org.povertyledger.shared.programme.event;

import java.time.LocalDate;

import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/** A sub-project was registered under a project, managed by {@code managingAgency} from {@code effectiveDate}. */
public record SubProjectRegisteredEvent(
        ProgrammeCode programmeCode,
        ProjectCode projectCode,
        SubProjectCode subProjectCode,
        String name,
        String managingAgency,
        LocalDate effectiveDate) {
}
