package org.povertyledger.shared.geography.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.geography.value.UnitCode;

/** Renames a unit from {@code effectiveDate}. */
public record RenameUnitCommand(UnitCode unitCode, String name, LocalDate effectiveDate, String legalBasis) {

    public RenameUnitCommand {
        Require.present("unitCode", unitCode);
        name = Require.text("name", name, 200);
        Require.present("effectiveDate", effectiveDate);
        legalBasis = Require.text("legalBasis", legalBasis, 100);
    }

    /** The administrative map this command changes. */
    @TargetAggregateIdentifier
    public String mapId() {
        return AdministrativeMapId.VALUE;
    }
}
