package org.povertyledger.shared.geography.command;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitFlag;
import org.povertyledger.shared.geography.value.UnitLevel;

/**
 * Registers an administrative unit valid from {@code effectiveDate}.
 *
 * @param parentCode the parent unit ({@code null} only for a province)
 * @param legalBasis the decision establishing the unit
 */
public record RegisterUnitCommand(UnitCode unitCode, String name, UnitLevel level, UnitCode parentCode,
                                  Set<UnitFlag> flags, LocalDate effectiveDate, String legalBasis) {

    public RegisterUnitCommand {
        Require.present("unitCode", unitCode);
        name = Require.text("name", name, 200);
        Require.present("level", level);
        Require.present("effectiveDate", effectiveDate);
        flags = flags == null || flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        legalBasis = Require.text("legalBasis", legalBasis, 100);
    }

    /** The administrative map this command changes. */
    @TargetAggregateIdentifier
    public String mapId() {
        return AdministrativeMapId.VALUE;
    }
}
