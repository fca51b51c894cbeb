package org.povertyledger.query.feed;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The unit (commune) of each household event: the commune the household was in at that event, i.e. the commune of
 * its latest registration or details change at or before the event's sequence number. Only registration and
 * details events carry the commune, so the others get it from the household's own stream.
 * <p>
 * Exact and independent of any projection's progress: a household's earlier events never change, so what is
 * cached for sequence numbers up to {@code knownThrough} stays true. A reader going forward through the log sees
 * every household's events in sequence order and extends the cache from the events themselves; a reader starting
 * in the middle reads the stream of each household it meets out of context once (exact stream-key lookups).
 * Least recently used households are forgotten beyond {@value #MAX_HOUSEHOLDS}.
 */
public final class HouseholdUnits {

    static final String HOUSEHOLD_AGGREGATE = "Household";
    private static final int MAX_HOUSEHOLDS = 200_000;

    private final EventStorageEngine storage;
    private final Map<String, Units> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Units> eldest) {
            return size() > MAX_HOUSEHOLDS;
        }
    };

    public HouseholdUnits(EventStorageEngine storage) {
        this.storage = storage;
    }

    /** The unit of a household event; {@code null} for events of other aggregates or when it cannot be known. */
    public String unitOf(DomainEventMessage<?> message) {
        if (!HOUSEHOLD_AGGREGATE.equals(message.getType())) {
            return null;
        }
        String household = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        synchronized (cache) {
            Units units = cache.get(household);
            if (units != null && units.knownThrough >= sequence) {
                return units.at(sequence);
            }
            if ((units == null && sequence == 0) || (units != null && units.knownThrough == sequence - 1)) {
                Units next = (units == null ? Units.EMPTY : units).extended(sequence, ownCommune(message));
                cache.put(household, next);
                return next.at(sequence);
            }
        }
        Units loaded = load(household, sequence);
        synchronized (cache) {
            Units current = cache.get(household);
            if (current == null || current.knownThrough < loaded.knownThrough) {
                cache.put(household, loaded);
            }
        }
        return loaded.at(sequence);
    }

    private static String ownCommune(DomainEventMessage<?> message) {
        return FeedEventData.namesCommune(message.getPayloadType()) ? FeedEventData.communeOf(message.getPayload())
                : null;
    }

    /** Reads the household's stream from its first event (the storage engine, not the snapshot). */
    private Units load(String household, long atLeast) {
        Units units = Units.EMPTY;
        DomainEventStream stream = storage.readEvents(household, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getSequenceNumber() != units.knownThrough + 1) {
                break;
            }
            units = units.extended(event.getSequenceNumber(), ownCommune(event));
        }
        if (units.knownThrough < atLeast) {
            // The event itself is being read, so the store holds it; a shorter stream means a store we cannot read.
            throw new IllegalStateException("household " + household + " stream ends at sequence "
                    + units.knownThrough + " before the event at sequence " + atLeast);
        }
        return units;
    }

    /** Commune changes of one household: {@code communes[i]} holds from sequence {@code sequences[i]}. */
    private record Units(long knownThrough, long[] sequences, String[] communes) {

        static final Units EMPTY = new Units(-1, new long[0], new String[0]);

        Units extended(long sequence, String commune) {
            if (commune == null || (communes.length > 0 && communes[communes.length - 1].equals(commune))) {
                return new Units(sequence, sequences, communes);
            }
            long[] s = Arrays.copyOf(sequences, sequences.length + 1);
            String[] c = Arrays.copyOf(communes, communes.length + 1);
            s[s.length - 1] = sequence;
            c[c.length - 1] = commune;
            return new Units(sequence, s, c);
        }

        String at(long sequence) {
            String result = null;
            for (int i = 0; i < sequences.length && sequences[i] <= sequence; i++) {
                result = communes[i];
            }
            return result;
        }
    }
}
