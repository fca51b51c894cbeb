package org.povertyledger.shared.geography.command;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.geography.value.UnitCode;

/**
 * Merges the source units into the target from {@code effectiveDate}: the sources cease on that date, their
 * children move under the target, and their households' figures count for the target from then on.
 *
 * @param targetCode an existing unit of the same level, valid on the date (it may be registered that same day)
 */
public record MergeUnitsCommand(List<UnitCode> sourceCodes, UnitCode targetCode, LocalDate effectiveDate,
                                String legalBasis) {

    public MergeUnitsCommand {
        Require.present("sourceCodes", sourceCodes);
        if (sourceCodes.isEmpty()) {
            throw new ValidationException("sourceCodes", "min-size:1", "sourceCodes must name at least one unit");
        }
        sourceCodes.forEach(code -> Require.present("sourceCodes", code));
        sourceCodes = List.copyOf(sourceCodes);
        Require.present("targetCode", targetCode);
        Require.present("effectiveDate", effectiveDate);
        legalBasis = Require.text("legalBasis", legalBasis, 100);
    }

    /** The administrative map this command changes. */
    @TargetAggregateIdentifier
    public String mapId() {
        return AdministrativeMapId.VALUE;
    }
}
