package org.povertyledger.shared.programme.query;

import java.time.LocalDate;

/**
 * One allocation with its full history; the figures count what was in effect on {@code asOf}.
 *
 * @param asOf the valid date to answer for; {@code null} counts everything recorded
 */
public record FindAllocationQuery(String allocationId, LocalDate asOf) {
}
