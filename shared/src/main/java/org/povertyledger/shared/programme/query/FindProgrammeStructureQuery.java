package org.povertyledger.shared.programme.query;

import java.time.LocalDate;

/**
 * A programme's projects and sub-projects, with the managing agency in charge on {@code asOf}.
 *
 * @param asOf the valid date to answer for; {@code null} for the latest facts
 */
public record FindProgrammeStructureQuery(String programmeCode, LocalDate asOf) {
}
