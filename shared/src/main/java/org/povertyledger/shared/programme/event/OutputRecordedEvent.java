package org.povertyledger.shared.programme.event;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.OutputCode;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * A sub-project's output in a commune over a period was recorded. The output's identity is the id of this event.
 *
 * @param beneficiaries households that benefited (possibly none)
 * @param allocationId the allocation that paid for it, or {@code null}
 */
public record OutputRecordedEvent(
        ProgrammeCode programmeCode,
        ProjectCode projectCode,
        SubProjectCode subProjectCode,
        OutputCode outputCode,
        BigDecimal quantity,
        String unit,
        LocalDate periodFrom,
        LocalDate periodTo,
        CommuneCode communeCode,
        List<HouseholdId> beneficiaries,
        AllocationId allocationId) {
}
