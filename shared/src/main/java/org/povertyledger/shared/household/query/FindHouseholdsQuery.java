package org.povertyledger.shared.household.query;

import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.StatusTransition;

/**
 * A page of households, filtered by any combination of commune, village, status, minority flag and transition
 * ({@code null} means no filter) and confined to a unit scope. Pages are numbered from 0.
 *
 * @param transition the named change of status: without {@code transitionYear}, the one that led to the
 *        household's current status; with it, the latest one of that review year
 * @param transitionYear the review year {@code transition} is asked for; only together with {@code transition}
 * @param scope the communes the asking user may see: the page and its total hold only households recorded under
 *        a covered commune code
 */
public record FindHouseholdsQuery(String communeCode, String village, PovertyStatus status, Boolean ethnicMinority,
                                  StatusTransition transition, Integer transitionYear, int page, int size,
                                  UnitScope scope) {

    public FindHouseholdsQuery {
        scope = scope == null ? UnitScope.nationalScope() : scope;
    }

    /** A query without a transition filter. */
    public FindHouseholdsQuery(String communeCode, String village, PovertyStatus status, Boolean ethnicMinority,
                               int page, int size, UnitScope scope) {
        this(communeCode, village, status, ethnicMinority, null, null, page, size, scope);
    }

    /** A query over every commune (tools and tests that run without a user). */
    public FindHouseholdsQuery(String communeCode, String village, PovertyStatus status, Boolean ethnicMinority,
                               int page, int size) {
        this(communeCode, village, status, ethnicMinority, null, null, page, size, UnitScope.nationalScope());
    }
}
