package org.povertyledger.command.personaldata;

import java.time.Instant;

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
     * Destroys the household's key and leaves a tombstone naming who and when.
     *
     * @return {@code true} if a key (or no key) was replaced by the tombstone now, {@code false} if the household
     *         was already erased
     */
    boolean destroy(String householdId, String erasedBy, Instant erasedAt);
}
