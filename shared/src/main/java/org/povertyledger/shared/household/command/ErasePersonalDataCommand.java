package org.povertyledger.shared.household.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.HouseholdId;

/**
 * Destroys the household's data key, so that its personal fields read as erased from now on (crypto-shredding).
 *
 * @param legalBasis the legal instrument the erasure rests on
 * @param requestReference the erasure request's case reference; must not name the person
 */
public record ErasePersonalDataCommand(
        @TargetAggregateIdentifier HouseholdId householdId,
        String erasedBy,
        String legalBasis,
        String requestReference) {

    public ErasePersonalDataCommand {
        Require.present("householdId", householdId);
        erasedBy = Require.text("erasedBy", erasedBy, 100);
        legalBasis = Require.text("legalBasis", legalBasis, 200);
        requestReference = Require.text("requestReference", requestReference, 200);
    }
}
