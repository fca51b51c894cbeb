package org.povertyledger.shared.programme.query;

import java.time.LocalDate;
import java.util.List;

/**
 * A sub-project's output records, oldest first.
 *
 * @param position the highest log position reflected
 */
public record SubProjectOutputsView(String programmeCode, String subProjectCode, LocalDate asOf,
                                    List<OutputRecordView> outputs, long position) {
}
