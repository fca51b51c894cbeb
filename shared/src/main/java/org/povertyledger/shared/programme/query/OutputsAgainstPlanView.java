package org.povertyledger.shared.programme.query;

import java.time.LocalDate;
import java.util.List;

/**
 * Outputs against plan, one row per sub-project, output, year and commune planned or achieved.
 *
 * @param position the highest log position reflected
 */
public record OutputsAgainstPlanView(String programmeCode, LocalDate asOf, List<OutputPlanRow> rows, long position) {
}
