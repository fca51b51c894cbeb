package org.povertyledger.shared.rulebook;

import java.util.Set;

import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * Multidimensional poverty standard 2022-2025 (Decree 07/2021/ND-CP, scoring per Circular
 * 07/2021/TT-BLDTBXH): 12 deprivation indicators in 6 dimensions; income line 1,500,000 VND (rural) or
 * 2,000,000 VND (urban) per person per month. The 2021 periodic review set the 2022-2025 baseline under
 * it, and Decree 351/2025 keeps these lines for 2026.
 */
public final class Decree07Rulebook implements Rulebook {

    public static final String ID = "VN-DECREE-07-2021";
    public static final long RURAL_LINE = 1_500_000;
    public static final long URBAN_LINE = 2_000_000;
    public static final long RURAL_AVERAGE_LIMIT = 2_250_000;
    public static final long URBAN_AVERAGE_LIMIT = 3_000_000;

    private static final Set<String> INDICATORS = Set.of(
            "EMPLOYMENT", "DEPENDANTS",
            "NUTRITION", "HEALTH_INSURANCE",
            "ADULT_EDUCATION", "CHILD_SCHOOL_ATTENDANCE",
            "HOUSING_QUALITY", "HOUSING_AREA",
            "DOMESTIC_WATER", "HYGIENIC_LATRINE",
            "TELECOM_USE", "INFORMATION_ACCESS");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String legalBasis() {
        return "Decree 07/2021/ND-CP; Circular 07/2021/TT-BLDTBXH";
    }

    @Override
    public int firstReviewYear() {
        return 2021;
    }

    @Override
    public int lastReviewYear() {
        return 2026;
    }

    @Override
    public Set<String> indicators() {
        return INDICATORS;
    }

    @Override
    public Classification classify(AssessmentInputs inputs) {
        int deprivations = Rulebooks.countKnownDeprivations(this, inputs.deprivations());
        long income = inputs.incomePerCapitaMonthly().value();
        boolean rural = inputs.area() == Area.RURAL;
        long line = rural ? RURAL_LINE : URBAN_LINE;
        long averageLimit = rural ? RURAL_AVERAGE_LIMIT : URBAN_AVERAGE_LIMIT;
        PovertyStatus status;
        if (income <= line) {
            status = deprivations >= 3 ? PovertyStatus.POOR : PovertyStatus.NEAR_POOR;
        } else if (income <= averageLimit && inputs.livelihood() == Livelihood.FARMING_FORESTRY_FISHERY_SALT) {
            status = PovertyStatus.AVERAGE_LIVING_STANDARD;
        } else {
            status = PovertyStatus.NOT_POOR;
        }
        return new Classification(status, deprivations, ID, version(), line);
    }
}
