package org.povertyledger.command.personaldata;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where households' data keys live. {@link MongoHouseholdKeyStore} keeps them in their own collection of the
 * application's store; a key management service can take its place by implementing this interface (keys then
 * never leave the service, or are kept wrapped by a master key it holds).
 */
public interface HouseholdKeyStore {

    /** The household's key state as of now (possibly cached for a short while, see the implementation). */
    KeyState lookup(String householdId);

    /**
     * The household's active key, created on first use; a destroyed key is never re-created, so this returns
     * the {@link KeyState#ERASED} state for an erased household.
     */
    KeyState keyForWriting(String householdId);

    /**
     * {@link #keyForWriting} for many households at once, for a bulk append: an implementation may read and create
     * the keys in a few round trips instead of one or two per household. Every key returned is durable.
     */
    default Map<String, KeyState> keysForWriting(Collection<String> householdIds) {
        Map<String, KeyState> states = new LinkedHashMap<>();
        for (String householdId : householdIds) {
            states.computeIfAbsent(householdId, this::keyForWriting);
        }
        return states;
    }

    /**
     * Destroys the household's key and leaves a tombstone naming who and when.
     *
     * @return {@code true} if a key (or no key) was replaced by the tombstone now, {@code false} if the household
     *         was already erased
     */
    boolean destroy(String householdId, String erasedBy, Instant erasedAt);
}
