package org.povertyledger.shared.benefit.command;

import java.time.LocalDate;
import java.util.Map;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.HousingSupportKind;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.Amounts;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * Records a benefit a household received on {@code benefitDate}. The household must be registered and meet the
 * kind's eligibility rule on that date.
 *
 * <p>Fields by kind (a field another kind uses is refused):
 * <ul>
 * <li>{@code HEALTH_INSURANCE_CARD}: {@code coverageYear} (defaults to the benefit date's year);</li>
 * <li>{@code PREFERENTIAL_LOAN}: {@code amount} and {@code lender};</li>
 * <li>{@code VOCATIONAL_TRAINING}: {@code course} and {@code completed};</li>
 * <li>{@code HOUSING_SUPPORT}: {@code housingKind}; {@code amount} defaults to the kind's amount (NEW 40,000,000,
 * REPAIR 20,000,000 VND);</li>
 * <li>{@code CONTRACT_WORK_ABROAD}: {@code destination};</li>
 * <li>{@code PRODUCTION_SUPPORT}: {@code description}, optionally {@code amount}.</li>
 * </ul>
 * Any kind may name the sub-project and the allocation that paid for it.
 *
 * @param subProjectCode the sub-project that paid, or {@code null}
 * @param allocationId the allocation that paid, or {@code null}; when given it must exist and belong to
 *        {@code subProjectCode} if that is given too
 */
public record RecordBenefitCommand(
        @TargetAggregateIdentifier HouseholdId householdId,
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
        SubProjectCode subProjectCode,
        AllocationId allocationId) {

    public RecordBenefitCommand {
        Require.present("householdId", householdId);
        Require.present("kind", kind);
        Require.present("benefitDate", benefitDate);
        lender = blankToNull(lender);
        course = blankToNull(course);
        destination = blankToNull(destination);
        description = blankToNull(description);
        switch (kind) {
            case HEALTH_INSURANCE_CARD -> {
                coverageYear = coverageYear == null ? benefitDate.getYear() : coverageYear;
                Require.range("coverageYear", coverageYear, 2000, 2100);
                notApplicable(kind, "amount", amount);
                notApplicable(kind, "lender", lender, "course", course, "completed", completed,
                        "housingKind", housingKind, "destination", destination, "description", description);
            }
            case PREFERENTIAL_LOAN -> {
                Amounts.positive("amount", amount);
                lender = Require.text("lender", lender, 200);
                notApplicable(kind, "coverageYear", coverageYear);
                notApplicable(kind, "course", course, "completed", completed, "housingKind", housingKind,
                        "destination", destination, "description", description);
            }
            case VOCATIONAL_TRAINING -> {
                course = Require.text("course", course, 200);
                Require.present("completed", completed);
                notApplicable(kind, "coverageYear", coverageYear);
                notApplicable(kind, "amount", amount);
                notApplicable(kind, "lender", lender, "housingKind", housingKind, "destination", destination,
                        "description", description);
            }
            case HOUSING_SUPPORT -> {
                Require.present("housingKind", housingKind);
                amount = amount == null ? new Vnd(housingKind.defaultAmount()) : Amounts.positive("amount", amount);
                notApplicable(kind, "coverageYear", coverageYear);
                notApplicable(kind, "lender", lender, "course", course, "completed", completed,
                        "destination", destination, "description", description);
            }
            case CONTRACT_WORK_ABROAD -> {
                destination = Require.text("destination", destination, 100);
                if (amount != null) {
                    Amounts.positive("amount", amount);
                }
                notApplicable(kind, "coverageYear", coverageYear);
                notApplicable(kind, "lender", lender, "course", course, "completed", completed,
                        "housingKind", housingKind, "description", description);
            }
            case PRODUCTION_SUPPORT -> {
                description = Require.text("description", description, 500);
                if (amount != null) {
                    Amounts.positive("amount", amount);
                }
                notApplicable(kind, "coverageYear", coverageYear);
                notApplicable(kind, "lender", lender, "course", course, "completed", completed,
                        "housingKind", housingKind, "destination", destination);
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void notApplicable(BenefitKind kind, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                String field = (String) namesAndValues[i];
                throw new ValidationException(ErrorCode.VALIDATION_FAILED, field,
                        "not-applicable:" + kind.name(), field + " does not apply to a " + kind.name() + " benefit",
                        Map.of("kind", kind.name()));
            }
        }
    }
}
