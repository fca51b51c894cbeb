package org.povertyledger.shared.geography.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.geography.value.UnitCode;

/**
 * Dissolves a unit from {@code effectiveDate} (as districts were on 1 July 2025); its children valid on that
 * date move up to its own parent.
 */
public record DissolveUnitCommand(UnitCode unitCode, LocalDate effectiveDate, String legalBasis) {

    public DissolveUnitCommand {
        Require.present("unitCode", unitCode);
        Require.present("effectiveDate", effectiveDate);
        legalBasis = Require.text("legalBasis", legalBasis, 100);
    }

    /** The administrative map this command changes. */
    @TargetAggregateIdentifier
    public String mapId() {
        return AdministrativeMapId.VALUE;
    }
}
