package org.povertyledger.shared.programme.query;

import java.time.LocalDate;
import java.util.List;

/**
 * A programme's structure as of a valid date.
 *
 * @param position the highest log position reflected
 */
public record ProgrammeStructureView(
        String programmeCode,
        String name,
        int firstYear,
        int lastYear,
        String legalBasis,
        LocalDate asOf,
        List<ProjectView> projects,
        long position) {
}
