package org.povertyledger.shared.rulebook;

import java.util.Set;

import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * Multidimensional poverty standard 2016-2020 (Decision 59/2015/QD-TTg): 10 deprivation indicators.
 * Rural: poor at or below 700,000 VND, or at or below 1,000,000 VND with 3 or more deprivations;
 * near-poor above 700,000 and at or below 1,000,000 VND with fewer than 3. Urban the same with 900,000
 * and 1,300,000 VND.
 */
public final class Decision59Rulebook implements Rulebook {

    public static final String ID = "VN-DECISION-59-2015";
    public static final long RURAL_LOWER = 700_000;
    public static final long RURAL_UPPER = 1_000_000;
    public static final long URBAN_LOWER = 900_000;
    public static final long URBAN_UPPER = 1_300_000;

    private static final Set<String> INDICATORS = Set.of(
            "ACCESS_TO_HEALTH_SERVICES", "HEALTH_INSURANCE",
            "ADULT_EDUCATION", "CHILD_SCHOOL_ATTENDANCE",
            "HOUSING_QUALITY", "HOUSING_AREA",
            "DOMESTIC_WATER", "HYGIENIC_LATRINE",
            "TELECOM_USE", "INFORMATION_ASSETS");

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
        return "Decision 59/2015/QD-TTg";
    }

    @Override
    public int firstReviewYear() {
        return 2016;
    }

    @Override
    public int lastReviewYear() {
        return 2020;
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
        long lower = rural ? RURAL_LOWER : URBAN_LOWER;
        long upper = rural ? RURAL_UPPER : URBAN_UPPER;
        PovertyStatus status;
        if (income <= lower || (income <= upper && deprivations >= 3)) {
            status = PovertyStatus.POOR;
        } else if (income <= upper) {
            status = PovertyStatus.NEAR_POOR;
        } else {
            status = PovertyStatus.NOT_POOR;
        }
        return new Classification(status, deprivations, ID, version(), lower);
    }
}
