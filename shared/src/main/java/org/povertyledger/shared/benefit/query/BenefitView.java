package org.povertyledger.shared.benefit.query;

import java.time.Instant;
import java.time.LocalDate;

import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.HousingSupportKind;
import org.povertyledger.shared.benefit.value.TargetGroup;
import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * One benefit as recorded, with the eligibility that admitted it.
 *
 * @param benefitId the id of the event that recorded it
 */
public record BenefitView(
        String benefitId,
        BenefitKind kind,
        LocalDate benefitDate,
        Integer coverageYear,
        Long amount,
        String lender,
        String course,
        Boolean completed,
        HousingSupportKind housingKind,
        String destination,
        String description,
        String programmeCode,
        String subProjectCode,
        String allocationId,
        PovertyStatus statusOnDate,
        TargetGroup targetGroup,
        String eligibilityRule,
        long position,
        Instant recordedAt) {
}
