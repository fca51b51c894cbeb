package org.povertyledger.shared.geography.query;

import java.time.LocalDate;

/** A value that holds from a date (a name, a parent code). */
public record DatedValue(LocalDate from, String value) {
}
