package org.povertyledger.shared.audit.command;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.audit.value.CommuneRestatement;
import org.povertyledger.shared.audit.value.RestatementId;
import org.povertyledger.shared.common.Require;

/** Ends a restatement with its figures per commune; the count must match the assessments recorded. */
public record CompleteRestatementCommand(@TargetAggregateIdentifier RestatementId restatementId, long assessments,
                                         List<CommuneRestatement> communes) {

    public CompleteRestatementCommand {
        Require.present("restatementId", restatementId);
        communes = List.copyOf(Require.present("communes", communes));
    }
}
