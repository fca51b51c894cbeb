package org.povertyledger.shared.feed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.povertyledger.shared.household.event.PersonalDataErasedEvent;

/**
 * The events integrators can receive, by their external names. An allow-list: an internal event that is not here
 * (webhook subscriptions, which carry their secret; any event added later until it is given a name) is never
 * published, and its position is simply skipped by every feed.
 */
public final class FeedEventCatalogue {

    private static final Pattern NAME = Pattern.compile("[a-z]+(\\.[a-z][a-z-]*)+\\.v[1-9][0-9]*");

    private static final List<FeedEventType> TYPES = List.of(
            new FeedEventType("household.registered.v1", HouseholdRegisteredEvent.class, List.of("headName"),
                    "A household was entered into the register."),
            new FeedEventType("household.details-updated.v1", HouseholdDetailsUpdatedEvent.class, List.of(),
                    "A household moved village or commune, or its number of members changed."),
            new FeedEventType("household.assessed.v1", AssessmentRecordedEvent.class, List.of(),
                    "A review's outcome for a household: inputs, rulebook and version, deprivation count, status."),
            new FeedEventType("household.assessment-corrected.v1", AssessmentCorrectedEvent.class, List.of(),
                    "A recorded assessment was corrected; the correction replaces its outcome from now on."),
            new FeedEventType("household.status-changed.v1", HouseholdStatusChangedEvent.class, List.of(),
                    "A household's current status changed, with the transition's name."),
            // who ordered it and the request's reference stay in the ledger: neither is the receiver's business,
            // and the reference may lead back to the person
            new FeedEventType("household.personal-data-erased.v1", PersonalDataErasedEvent.class, List.of(),
                    "A household's personal data was erased (its data key destroyed): a receiver that keeps names "
                            + "of this household must delete them."));

    private static final Map<String, FeedEventType> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, FeedEventType> BY_PAYLOAD = new LinkedHashMap<>();

    static {
        for (FeedEventType type : TYPES) {
            if (!NAME.matcher(type.name()).matches()) {
                throw new IllegalStateException("malformed external event name " + type.name());
            }
            if (BY_NAME.put(type.name(), type) != null || BY_PAYLOAD.put(type.payloadType().getName(), type) != null) {
                throw new IllegalStateException("duplicate catalogue entry " + type.name());
            }
        }
    }

    private FeedEventCatalogue() {
    }

    /** Every published type, in catalogue order. */
    public static List<FeedEventType> types() {
        return TYPES;
    }

    /** The published type of this external name. */
    public static Optional<FeedEventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The published type made from this internal event class, if it is published. */
    public static Optional<FeedEventType> byPayloadType(Class<?> payloadType) {
        return payloadType == null ? Optional.empty() : Optional.ofNullable(BY_PAYLOAD.get(payloadType.getName()));
    }

    /** The external names, in catalogue order. */
    public static List<String> names() {
        return TYPES.stream().map(FeedEventType::name).toList();
    }
}
