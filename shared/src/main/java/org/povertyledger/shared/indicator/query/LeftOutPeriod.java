package org.povertyledger.shared.indicator.query;

import org.povertyledger.shared.review.value.PeriodState;

/**
 * A commune-year whose figures an "approved only" answer did not count.
 *
 * @param communeCode the recorded commune code
 * @param year        the review year
 * @param state       where its review period stood at the answer's position (OPEN or SUBMITTED)
 */
public record LeftOutPeriod(String communeCode, int year, PeriodState state) {
}
