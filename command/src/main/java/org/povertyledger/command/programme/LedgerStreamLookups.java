package org.povertyledger.command.programme;

import java.util.Optional;
import java.util.function.Supplier;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.event.FundsAllocatedEvent;
import org.povertyledger.shared.programme.value.AllocationId;

/**
 * Answers reference checks from the first event of the referenced stream, read without loading (or locking) the
 * aggregate: an allocation's sub-project and a household's registration never change once recorded, so a check
 * cannot be invalidated by a concurrent command. One exact-key read per check; snapshots are not consulted.
 */
public class LedgerStreamLookups implements AllocationLookup, HouseholdLookup {

    private final Supplier<EventStore> events;

    /** Through the event store, so that a bulk session's own threads see the streams it has not appended yet. */
    public LedgerStreamLookups(Supplier<EventStore> events) {
        this.events = events;
    }

    @Override
    public Optional<AllocationTerms> allocation(AllocationId allocationId) {
        return firstEvent(allocationId.toString())
                .filter(FundsAllocatedEvent.class::isInstance)
                .map(FundsAllocatedEvent.class::cast)
                .map(e -> new AllocationTerms(e.allocationId(), e.programmeCode(), e.subProjectCode()));
    }

    @Override
    public boolean isRegistered(HouseholdId householdId) {
        return firstEvent(householdId.toString()).filter(HouseholdRegisteredEvent.class::isInstance).isPresent();
    }

    private Optional<Object> firstEvent(String streamId) {
        DomainEventStream stream = events.get().readEvents(streamId, 0);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = stream.next();
        return first.getSequenceNumber() == 0 ? Optional.ofNullable(first.getPayload()) : Optional.empty();
    }
}
