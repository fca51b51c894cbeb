package org.povertyledger.shared.household.event;

import java.time.LocalDate;

import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;

/** A household moved village or commune, or its number of members changed. */
public record HouseholdDetailsUpdatedEvent(
        HouseholdId householdId,
        CommuneCode communeCode,
        String village,
        int members,
        LocalDate effectiveDate,
        String reason) implements HouseholdEvent {
}
