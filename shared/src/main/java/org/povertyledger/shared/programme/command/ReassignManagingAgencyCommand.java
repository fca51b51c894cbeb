package org.povertyledger.shared.programme.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/** Hands a sub-project to another managing agency from {@code effectiveDate}, under {@code decisionRef}. */
public record ReassignManagingAgencyCommand(
        @TargetAggregateIdentifier ProgrammeCode programmeCode,
        SubProjectCode subProjectCode,
        String managingAgency,
        LocalDate effectiveDate,
        String decisionRef) {

    public ReassignManagingAgencyCommand {
        Require.present("programmeCode", programmeCode);
        Require.present("subProjectCode", subProjectCode);
        managingAgency = Require.text("managingAgency", managingAgency, 200);
        Require.present("effectiveDate", effectiveDate);
        decisionRef = Require.text("decisionRef", decisionRef, 100);
    }
}
