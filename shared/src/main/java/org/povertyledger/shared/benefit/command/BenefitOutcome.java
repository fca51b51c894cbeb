package org.povertyledger.shared.benefit.command;

import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.TargetGroup;
import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * What recording a benefit found: the eligibility that admitted it. The benefit's identity is the id of the event
 * that recorded it.
 */
public record BenefitOutcome(
        BenefitKind kind,
        PovertyStatus statusOnDate,
        TargetGroup targetGroup,
        String eligibilityRule) {
}
