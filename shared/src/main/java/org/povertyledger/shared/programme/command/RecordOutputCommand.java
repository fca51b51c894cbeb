package org.povertyledger.shared.programme.command;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.Amounts;
import org.povertyledger.shared.programme.value.OutputCode;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * Records what a sub-project produced in a commune over a period within one calendar year, optionally naming the
 * households that benefited and the allocation that paid for it.
 *
 * @param unit the unit the quantity is counted in; must be the output code's unit
 * @param beneficiaries registered households that benefited (may be empty, at most {@value #MAX_BENEFICIARIES})
 * @param allocationId the allocation that paid for the output, or {@code null}
 */
public record RecordOutputCommand(
        @TargetAggregateIdentifier ProgrammeCode programmeCode,
        SubProjectCode subProjectCode,
        OutputCode outputCode,
        BigDecimal quantity,
        String unit,
        LocalDate periodFrom,
        LocalDate periodTo,
        CommuneCode communeCode,
        List<HouseholdId> beneficiaries,
        AllocationId allocationId) {

    /** Most households one output record may name. */
    public static final int MAX_BENEFICIARIES = 500;

    public RecordOutputCommand {
        Require.present("programmeCode", programmeCode);
        Require.present("subProjectCode", subProjectCode);
        Require.present("outputCode", outputCode);
        quantity = Amounts.positiveQuantity("quantity", quantity);
        unit = Require.text("unit", unit, 20);
        if (!unit.equals(outputCode.unit())) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, "unit", "unit-of:" + outputCode.name(),
                    outputCode + " is counted in " + outputCode.unit() + ", not " + unit,
                    Map.of("expectedUnit", outputCode.unit()));
        }
        Require.present("periodFrom", periodFrom);
        Require.present("periodTo", periodTo);
        if (periodTo.isBefore(periodFrom)) {
            throw new ValidationException("periodTo", "not-before:periodFrom", "periodTo must not be before periodFrom");
        }
        if (periodTo.getYear() != periodFrom.getYear()) {
            throw new ValidationException("periodTo", "same-year-as:periodFrom",
                    "an output period must lie within one calendar year");
        }
        Require.present("communeCode", communeCode);
        beneficiaries = beneficiaries == null ? List.of() : List.copyOf(beneficiaries);
        Require.range("beneficiaries", beneficiaries.size(), 0, MAX_BENEFICIARIES);
        Set<HouseholdId> seen = new HashSet<>();
        for (HouseholdId beneficiary : beneficiaries) {
            if (!seen.add(beneficiary)) {
                throw new ValidationException(ErrorCode.VALIDATION_FAILED, "beneficiaries", "unique",
                        "household " + beneficiary.value() + " is named twice",
                        Map.of("duplicate", beneficiary.value()));
            }
        }
    }

    /** The year the output counts towards. */
    public int year() {
        return periodTo.getYear();
    }
}
