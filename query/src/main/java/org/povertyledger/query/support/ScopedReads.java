package org.povertyledger.query.support;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.povertyledger.query.household.HouseholdQueryHandler;
import org.povertyledger.shared.access.AccessScope;
import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.household.query.FindHouseholdQuery;
import org.povertyledger.shared.household.query.HouseholdView;
import org.springframework.stereotype.Component;

/**
 * The read half of unit scope for answers about one record: a household, or a unit's figures, outside the user's
 * scope is answered exactly as a missing one (the same status, code, field, rule and words), so a refusal tells
 * nothing about existence. Lists are confined in their queries instead (see {@code FindHouseholdsQuery#scope}),
 * so pages stay full and totals count only what the user may see.
 */
@Component
public class ScopedReads {

    private final AccessScope access;
    private final HouseholdQueryHandler households;

    public ScopedReads(AccessScope access, HouseholdQueryHandler households) {
        this.access = access;
        this.households = households;
    }

    /** The current request's scope. */
    public UnitScope scope() {
        return access.current();
    }

    /** Records a request that was narrowed to the scope rather than refused (a list filtered on a unit outside). */
    public void filtered(String endpoint) {
        access.denied("out-of-scope", endpoint);
    }

    /**
     * Whether {@code unitCode} is inside the current scope; when it is not, the attempt is counted as out of scope
     * on {@code endpoint}.
     */
    public boolean permits(String unitCode, String endpoint) {
        return access.permits(unitCode, endpoint);
    }

    /**
     * The households of {@code householdIds} inside the current scope, judged like single households by the
     * commune each is in now; all of them for a national scope. One household-view read for the whole list.
     */
    public Set<String> householdsInScope(Collection<String> householdIds) {
        UnitScope scope = access.current();
        if (scope.national() || householdIds.isEmpty()) {
            return Set.copyOf(householdIds);
        }
        Set<String> inside = new HashSet<>();
        households.communesOf(householdIds).forEach((id, commune) -> {
            if (scope.covers(commune)) {
                inside.add(id);
            }
        });
        return inside;
    }

    /**
     * Refuses a household outside the scope, judged by the commune it is in now.
     *
     * @throws DomainException {@link ErrorCode#HOUSEHOLD_NOT_FOUND} when it is missing or outside
     */
    public void requireHousehold(String householdId, String endpoint) {
        if (access.current().national()) {
            return;
        }
        Optional<HouseholdView> view = households.handle(new FindHouseholdQuery(householdId, null));
        if (view.isEmpty() || !access.permits(view.get().communeCode(), endpoint)) {
            throw householdNotFound(householdId);
        }
    }

    /**
     * Refuses a unit outside the scope.
     *
     * @param position the log position the answer was computed at (named in the refusal, as for a missing unit)
     * @throws DomainException {@link ErrorCode#UNIT_NOT_FOUND} when the unit is outside
     */
    public void requireUnit(String unitCode, long position, String endpoint) {
        if (!access.permits(unitCode, endpoint)) {
            throw unitNotFound(unitCode, position);
        }
    }

    /** The refusal of a household that is not registered. */
    public static DomainException householdNotFound(String householdId) {
        return new DomainException(ErrorCode.HOUSEHOLD_NOT_FOUND, "householdId", "exists",
                "household " + householdId + " is not registered");
    }

    /** The refusal of a unit that is not registered at {@code position}. */
    public static DomainException unitNotFound(String unitCode, long position) {
        return new DomainException(ErrorCode.UNIT_NOT_FOUND, "unitCode", "exists",
                "unit " + unitCode + " is not registered at position " + position,
                Map.of("unitCode", unitCode, "position", position));
    }
}
