package org.povertyledger.shared.programme.event;

import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;

/** A project was registered under a programme. */
public record ProjectRegisteredEvent(
        ProgrammeCode programmeCode,
        ProjectCode projectCode,
        String name) {
}
