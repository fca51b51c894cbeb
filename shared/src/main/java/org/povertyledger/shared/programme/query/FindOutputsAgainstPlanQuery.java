package org.povertyledger.shared.programme.query;

import java.time.LocalDate;

/**
 * Outputs of a programme's sub-projects against their plans. Filters may be {@code null} (no filter).
 *
 * @param asOf the valid date to answer for: plans effective later and outputs whose period ends later are left
 *        out; {@code null} counts everything recorded
 */
public record FindOutputsAgainstPlanQuery(
        String programmeCode,
        String subProjectCode,
        Integer year,
        String communeCode,
        LocalDate asOf) {
}
