package org.povertyledger.command.programme;

import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/** What an allocation needs to know of its sub-project: where it sits and the programme's period. */
public record SubProjectTerms(ProgrammeCode programmeCode, ProjectCode projectCode, SubProjectCode subProjectCode,
                              int firstYear, int lastYear) {

    /** Whether {@code year} lies within the programme period. */
    public boolean coversYear(int year) {
        return year >= firstYear && year <= lastYear;
    }
}
