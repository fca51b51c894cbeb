package org.povertyledger.shared.household.event;

import java.util.Map;
import java.util.Set;

import org.povertyledger.shared.benefit.event.BenefitRecordedEvent;

/**
 * Which fields of household events can name a person: the ledger stores them encrypted with the household's data
 * key, and once that key is destroyed every reader gets {@link #ERASED} in their place. The event metadata's
 * free-text {@code reason} is personal too, on every event of a household's stream.
 */
public final class PersonalFields {

    /** What a personal field reads as after the household's key was destroyed. */
    public static final String ERASED = "[erased]";

    /** Metadata keys of household events whose values are personal. */
    public static final Set<String> METADATA = Set.of("reason");

    private static final Map<String, Set<String>> PAYLOAD = Map.of(
            HouseholdRegisteredEvent.class.getName(), Set.of("headName"),
            HouseholdDetailsUpdatedEvent.class.getName(), Set.of("reason"),
            AssessmentCorrectedEvent.class.getName(), Set.of("reason"),
            BenefitRecordedEvent.class.getName(), Set.of("description"));

    /** Household event types without personal payload fields whose metadata may still carry a reason. */
    private static final Set<String> OTHER_HOUSEHOLD_EVENTS = Set.of(
            AssessmentRecordedEvent.class.getName(),
            HouseholdStatusChangedEvent.class.getName());

    private PersonalFields() {
    }

    /** The personal payload fields of an event type (by class name); empty for types without any. */
    public static Set<String> ofPayload(String payloadType) {
        return PAYLOAD.getOrDefault(payloadType, Set.of());
    }

    /** The personal payload fields of an event type named by its simple class name, as history entries name it. */
    public static Set<String> ofEventType(String simpleName) {
        return PAYLOAD.entrySet().stream()
                .filter(e -> e.getKey().endsWith("." + simpleName))
                .map(Map.Entry::getValue)
                .findFirst().orElse(Set.of());
    }

    /** Whether events of this type belong to a household's stream, so that their metadata reason is personal. */
    public static boolean isHouseholdEvent(String payloadType) {
        return PAYLOAD.containsKey(payloadType) || OTHER_HOUSEHOLD_EVENTS.contains(payloadType);
    }
}
