package org.povertyledger.shared.household.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;

/** Moves a household to another village or commune, or changes its number of members. */
public record UpdateHouseholdDetailsCommand(
        @TargetAggregateIdentifier HouseholdId householdId,
        CommuneCode communeCode,
        String village,
        int members,
        LocalDate effectiveDate,
        String reason) {

    public UpdateHouseholdDetailsCommand {
        Require.present("householdId", householdId);
        Require.present("communeCode", communeCode);
        village = Require.text("village", village, 100);
        Require.range("members", members, 1, 50);
        Require.present("effectiveDate", effectiveDate);
        reason = Require.text("reason", reason, 1000);
    }
}
