package org.povertyledger.shared.audit.event;

import org.povertyledger.shared.audit.value.RestatementId;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.ReviewYear;

/** A restatement started: which decisions (review year, commune), which rulebook version, up to which position. */
public record RestatementStartedEvent(RestatementId restatementId, String rulebookId, int rulebookVersion,
                                      ReviewYear reviewYear, CommuneCode communeCode, long toPosition) {
}
