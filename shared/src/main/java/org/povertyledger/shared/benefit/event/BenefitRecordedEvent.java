package org.povertyledger.shared.benefit.event;

import java.time.LocalDate;

import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.HousingSupportKind;
import org.povertyledger.shared.benefit.value.TargetGroup;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.event.HouseholdEvent;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * A household received a benefit. The benefit's identity is the id of this event. Fields that do not apply to the
 * kind are {@code null} (see {@code RecordBenefitCommand}).
 *
 * @param statusOnDate the household's status on the benefit date, as the eligibility rule saw it
 * @param targetGroup the household's target group on that date
 * @param eligibilityRule the rule that admitted the benefit
 */
public record BenefitRecordedEvent(
        HouseholdId householdId,
        BenefitKind kind,
        LocalDate benefitDate,
        Integer coverageYear,
        Vnd amount,
        String lender,
        String course,
        Boolean completed,
        HousingSupportKind housingKind,
        String destination,
        String description,
        ProgrammeCode programmeCode,
        SubProjectCode subProjectCode,
        AllocationId allocationId,
        PovertyStatus statusOnDate,
        TargetGroup targetGroup,
        String eligibilityRule) implements HouseholdEvent {
}
