package org.povertyledger.shared.household.event;

import org.povertyledger.shared.household.value.HouseholdId;

/** An event of one household's stream: registrations, details, assessments, status changes and benefits. */
public interface HouseholdEvent {

    /** The household the event belongs to. */
    HouseholdId householdId();

    /** The household a payload concerns, or {@code null} for payloads that are not household events. */
    static String householdIdOf(Object payload) {
        return payload instanceof HouseholdEvent event ? event.householdId().value() : null;
    }
}
