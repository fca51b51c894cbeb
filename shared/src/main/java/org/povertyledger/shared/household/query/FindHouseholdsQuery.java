package org.povertyledger.shared.household.query;

import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * A page of households, filtered by any combination of commune, village, status and minority flag
 * ({@code null} means no filter) and confined to a unit scope. Pages are numbered from 0.
 *
 * @param scope the communes the asking user may see: the page and its total hold only households recorded under
 *        a covered commune code
 */
public record FindHouseholdsQuery(String communeCode, String village, PovertyStatus status, Boolean ethnicMinority,
                                  int page, int size, UnitScope scope) {

    public FindHouseholdsQuery {
        scope = scope == null ? UnitScope.nationalScope() : scope;
    }

    /** A query over every commune (tools and tests that run without a user). */
    public FindHouseholdsQuery(String communeCode, String village, PovertyStatus status, Boolean ethnicMinority,
                               int page, int size) {
        this(communeCode, village, status, ethnicMinority, page, size, UnitScope.nationalScope());
    }
}
