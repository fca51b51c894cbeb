package org.povertyledger.shared.household.event;

import java.time.Instant;

import org.povertyledger.shared.household.value.HouseholdId;

/**
 * The household's data key was destroyed on a right-to-erasure request: from now on its {@link PersonalFields}
 * read as {@link PersonalFields#ERASED} everywhere, replays included. Carries no personal data itself.
 *
 * @param erasedBy the user who ordered the erasure
 * @param erasedAt when the key was destroyed
 * @param legalBasis the legal instrument the erasure rests on (e.g. {@code 13/2023/ND-CP art. 16})
 * @param requestReference the reference of the erasure request (a case number, never the person's name)
 */
public record PersonalDataErasedEvent(
        HouseholdId householdId,
        String erasedBy,
        Instant erasedAt,
        String legalBasis,
        String requestReference) implements HouseholdEvent {
}
