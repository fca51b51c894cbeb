package org.povertyledger.query.household;

import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;

/** Facts about the household events the projections read. */
final class HouseholdEvents {

    private HouseholdEvents() {
    }

    /** The household an event payload concerns, or {@code null} for payloads that are not household events. */
    static String householdIdOf(Object payload) {
        if (payload instanceof HouseholdRegisteredEvent e) {
            return e.householdId().value();
        }
        if (payload instanceof HouseholdDetailsUpdatedEvent e) {
            return e.householdId().value();
        }
        if (payload instanceof AssessmentRecordedEvent e) {
            return e.householdId().value();
        }
        if (payload instanceof AssessmentCorrectedEvent e) {
            return e.householdId().value();
        }
        if (payload instanceof HouseholdStatusChangedEvent e) {
            return e.householdId().value();
        }
        return null;
    }
}
