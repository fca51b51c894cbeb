package org.povertyledger.shared.geography.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.geography.value.UnitCode;

/** Moves a unit under another parent from {@code effectiveDate}. */
public record ReparentUnitCommand(UnitCode unitCode, UnitCode parentCode, LocalDate effectiveDate,
                                  String legalBasis) {

    public ReparentUnitCommand {
        Require.present("unitCode", unitCode);
        Require.present("parentCode", parentCode);
        Require.present("effectiveDate", effectiveDate);
        legalBasis = Require.text("legalBasis", legalBasis, 100);
    }

    /** The administrative map this command changes. */
    @TargetAggregateIdentifier
    public String mapId() {
        return AdministrativeMapId.VALUE;
    }
}
