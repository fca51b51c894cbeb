package org.povertyledger.shared.programme.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * Registers a sub-project under the project its code names ({@code P4.SP2} belongs to {@code P4}), with the agency
 * managing it from {@code effectiveDate}.
 */
public record RegisterSubProjectCommand(
        @TargetAggregateIdentifier ProgrammeCode programmeCode,
        SubProjectCode subProjectCode,
        String name,
        String managingAgency,
        LocalDate effectiveDate) {

    public RegisterSubProjectCommand {
        Require.present("programmeCode", programmeCode);
        Require.present("subProjectCode", subProjectCode);
        name = Require.text("name", name, 300);
        managingAgency = Require.text("managingAgency", managingAgency, 200);
        Require.present("effectiveDate", effectiveDate);
    }
}
