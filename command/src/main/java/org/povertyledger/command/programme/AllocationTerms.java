package org.povertyledger.command.programme;

import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/** Where an allocation belongs; fixed at its creation and never changed. */
public record AllocationTerms(AllocationId allocationId, ProgrammeCode programmeCode, SubProjectCode subProjectCode) {
}
