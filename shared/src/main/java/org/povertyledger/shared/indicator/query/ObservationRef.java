package org.povertyledger.shared.indicator.query;

import java.time.LocalDate;

/** The observation a reported value comes from. */
public record ObservationRef(String observationId, String source, LocalDate effectiveDate, long position,
                             boolean corrected) {
}
