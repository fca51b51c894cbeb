package org.povertyledger.shared.programme.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;

/** Registers a project of a programme. */
public record RegisterProjectCommand(
        @TargetAggregateIdentifier ProgrammeCode programmeCode,
        ProjectCode projectCode,
        String name) {

    public RegisterProjectCommand {
        Require.present("programmeCode", programmeCode);
        Require.present("projectCode", projectCode);
        name = Require.text("name", name, 300);
    }
}
