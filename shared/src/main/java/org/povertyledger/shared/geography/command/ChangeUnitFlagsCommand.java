package org.povertyledger.shared.geography.command;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitFlag;

/** Replaces a unit's flags from {@code effectiveDate} (e.g. a commune leaves the especially-difficult list). */
public record ChangeUnitFlagsCommand(UnitCode unitCode, Set<UnitFlag> flags, LocalDate effectiveDate,
                                     String legalBasis) {

    public ChangeUnitFlagsCommand {
        Require.present("unitCode", unitCode);
        Require.present("flags", flags);
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        Require.present("effectiveDate", effectiveDate);
        legalBasis = Require.text("legalBasis", legalBasis, 100);
    }

    /** The administrative map this command changes. */
    @TargetAggregateIdentifier
    public String mapId() {
        return AdministrativeMapId.VALUE;
    }
}
