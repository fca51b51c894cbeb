package org.povertyledger.deploy.feed;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.StatusTransition;

/**
 * Household histories appended straight through the event store, 100 events per commit, households interleaved so
 * that each page mixes many of them. Every fifth household moves commune half-way, so the unit of its later events
 * differs from the one in its registration. Remembers, per event, what the feed must say about it.
 */
final class FeedTestEvents {

    static final List<String> COMMUNES = List.of("24541", "24544", "24547", "24550");

    /** What the feed must show for one appended event. */
    record Expected(long position, String eventId, String type, String household, String unit) {
    }

    private final EventStore eventStore;
    private final List<Expected> appended = new ArrayList<>();

    FeedTestEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    List<Expected> appended() {
        return appended;
    }

    /**
     * Appends the histories of {@code households} households named {@code prefix-i}: registration, assessment and
     * status change in 2022, a move for every fifth, an assessment in 2023, a correction for every seventh. Positions are taken to follow
     * {@code headBefore} without gaps (nothing else may append meanwhile).
     */
    List<Expected> appendHistories(String prefix, int households, long headBefore) {
        List<List<Object[]>> histories = new ArrayList<>();
        for (int i = 0; i < households; i++) {
            String id = prefix + "-" + i;
            String commune = COMMUNES.get(i % COMMUNES.size());
            String moved = COMMUNES.get((i + 1) % COMMUNES.size());
            List<Object[]> history = new ArrayList<>();
            history.add(new Object[] {registered(id, commune), "household.registered.v1", commune});
            history.add(new Object[] {assessed(id, 2022, PovertyStatus.POOR), "household.assessed.v1", commune});
            history.add(new Object[] {new HouseholdStatusChangedEvent(new HouseholdId(id), PovertyStatus.UNASSESSED,
                    PovertyStatus.POOR, StatusTransition.NEWLY_POOR, id + "-a2022", 2022, LocalDate.of(2022, 12, 15)),
                    "household.status-changed.v1", commune});
            String later = commune;
            if (i % 5 == 0) {
                history.add(new Object[] {new HouseholdDetailsUpdatedEvent(new HouseholdId(id), new CommuneCode(moved),
                        "Buon Moi", 5, LocalDate.of(2023, 3, 1), "resettled"), "household.details-updated.v1", moved});
                later = moved;
            }
            history.add(new Object[] {assessed(id, 2023, PovertyStatus.NEAR_POOR), "household.assessed.v1", later});
            if (i % 7 == 0) {
                history.add(new Object[] {corrected(id), "household.assessment-corrected.v1", later});
            }
            histories.add(history);
        }
        List<EventMessage<?>> commit = new ArrayList<>();
        List<Expected> added = new ArrayList<>();
        long position = headBefore;
        for (int step = 0; step < 6; step++) {
            for (int i = 0; i < households; i++) {
                List<Object[]> history = histories.get(i);
                if (step >= history.size()) {
                    continue;
                }
                Object[] entry = history.get(step);
                String id = prefix + "-" + i;
                String eventId = id + "/" + step;
                commit.add(new GenericDomainEventMessage<>("Household", id, step, entry[0],
                        Map.of(MetadataKeys.ACTOR_ID, "loader", MetadataKeys.ACTOR_ROLE, "OFFICER",
                                MetadataKeys.EFFECTIVE_DATE, "2022-12-15"), eventId, Instant.now()));
                added.add(new Expected(++position, eventId, (String) entry[1], id, (String) entry[2]));
                if (commit.size() == 100) {
                    eventStore.publish(commit);
                    commit = new ArrayList<>();
                }
            }
        }
        if (!commit.isEmpty()) {
            eventStore.publish(commit);
        }
        appended.addAll(added);
        return added;
    }

    static HouseholdRegisteredEvent registered(String id, String commune) {
        return new HouseholdRegisteredEvent(new HouseholdId(id), new CommuneCode(commune), "Buon Jun", Area.RURAL,
                "Head of " + id, "M'nong", true, 4);
    }

    static AssessmentCorrectedEvent corrected(String id) {
        return new AssessmentCorrectedEvent(new HouseholdId(id), id + "/1", id + "/1", 2022, ReviewKind.PERIODIC,
                LocalDate.of(2022, 10, 1), Area.RURAL, 1_400_000, Livelihood.OTHER,
                new TreeSet<>(List.of("NUTRITION")), "QD-9/2023", LocalDate.of(2022, 12, 15), "VN-DECREE-07-2021", 1,
                1, PovertyStatus.POOR, PovertyStatus.NEAR_POOR, "income recounted");
    }

    static AssessmentRecordedEvent assessed(String id, int year, PovertyStatus status) {
        return new AssessmentRecordedEvent(new HouseholdId(id), year, ReviewKind.PERIODIC,
                LocalDate.of(year, 10, 1), Area.RURAL, 1_200_000, Livelihood.OTHER,
                new TreeSet<>(List.of("DOMESTIC_WATER", "HOUSING_QUALITY", "NUTRITION")), "QD-" + year,
                LocalDate.of(year, 12, 15), "VN-DECREE-07-2021", 1, 3, status);
    }
}
