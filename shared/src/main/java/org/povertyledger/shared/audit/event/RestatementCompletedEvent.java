package org.povertyledger.shared.audit.event;

import java.util.List;

import org.povertyledger.shared.audit.value.CommuneRestatement;
import org.povertyledger.shared.audit.value.RestatementId;

/** A restatement recorded every assessment of its scope: the figures per commune as decided and as restated. */
public record RestatementCompletedEvent(RestatementId restatementId, long assessments,
                                        List<CommuneRestatement> communes) {
}
