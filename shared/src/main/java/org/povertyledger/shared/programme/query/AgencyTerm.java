package org.povertyledger.shared.programme.query;

import java.time.LocalDate;

/**
 * A period during which one agency managed a sub-project.
 *
 * @param until the last day of the term, {@code null} while it lasts
 * @param decisionRef the decision that began the term ({@code null} for the registration)
 */
public record AgencyTerm(String managingAgency, LocalDate from, LocalDate until, String decisionRef) {
}
