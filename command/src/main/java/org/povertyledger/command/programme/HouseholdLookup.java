package org.povertyledger.command.programme;

import org.povertyledger.shared.household.value.HouseholdId;

/** Tells whether a household named as a beneficiary is in the register. */
@FunctionalInterface
public interface HouseholdLookup {

    boolean isRegistered(HouseholdId householdId);
}
