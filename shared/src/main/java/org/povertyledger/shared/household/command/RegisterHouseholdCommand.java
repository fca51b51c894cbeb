package org.povertyledger.shared.household.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;

/** Enters a household into the register. */
public record RegisterHouseholdCommand(
        @TargetAggregateIdentifier HouseholdId householdId,
        CommuneCode communeCode,
        String village,
        Area area,
        String headName,
        String ethnicity,
        boolean ethnicMinority,
        int members) {

    public RegisterHouseholdCommand {
        Require.present("householdId", householdId);
        Require.present("communeCode", communeCode);
        village = Require.text("village", village, 100);
        Require.present("area", area);
        headName = Require.text("headName", headName, 200);
        ethnicity = Require.text("ethnicity", ethnicity, 50);
        Require.range("members", members, 1, 50);
    }
}
