package org.povertyledger.shared.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.audit.value.RestatementId;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.ReviewYear;

/**
 * Starts a restatement of a review year's decisions (optionally one commune's) under a registered rulebook
 * version, over the log up to {@code toPosition}.
 */
public record StartRestatementCommand(@TargetAggregateIdentifier RestatementId restatementId, String rulebookId,
                                      int rulebookVersion, ReviewYear reviewYear, CommuneCode communeCode,
                                      long toPosition) {

    public StartRestatementCommand {
        Require.present("restatementId", restatementId);
        Require.present("rulebookId", rulebookId);
        Require.present("reviewYear", reviewYear);
    }
}
