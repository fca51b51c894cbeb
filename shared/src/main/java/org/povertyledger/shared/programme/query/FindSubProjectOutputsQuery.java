package org.povertyledger.shared.programme.query;

import java.time.LocalDate;

/**
 * Every output record of a sub-project with its beneficiary households.
 *
 * @param asOf leave out outputs whose period ends after this date; {@code null} for all
 */
public record FindSubProjectOutputsQuery(String programmeCode, String subProjectCode, LocalDate asOf) {
}
