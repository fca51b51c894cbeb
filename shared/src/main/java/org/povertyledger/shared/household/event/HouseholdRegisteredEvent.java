package org.povertyledger.shared.household.event;

import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;

/** A household was entered into the register. */
public record HouseholdRegisteredEvent(
        HouseholdId householdId,
        CommuneCode communeCode,
        String village,
        Area area,
        String headName,
        String ethnicity,
        boolean ethnicMinority,
        int members) implements HouseholdEvent {
}
