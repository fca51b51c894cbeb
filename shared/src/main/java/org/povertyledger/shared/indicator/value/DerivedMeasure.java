package org.povertyledger.shared.indicator.value;

/**
 * The computations a DERIVED indicator can name. Each is computed per review year from the periodic review
 * (Decision 24/2021/QD-TTg) as recorded and corrected, per commune, and summed over the communes a unit covers.
 *
 * <p>The year's review runs September to mid-December (Decision 24/2021/QD-TTg) and its list of poor and
 * near-poor households is in force in the <em>following</em> year: the coverage measures pair review year Y with
 * the support given for year Y+1. New computations are added here and in the query side's measure table;
 * existing ones never change meaning.
 */
public enum DerivedMeasure {
    /** Households POOR by the year's periodic assessment / households assessed in that review, in percent. */
    POVERTY_RATE(UnitOfMeasure.PERCENT),
    /** Households NEAR_POOR / households assessed, in percent. */
    NEAR_POVERTY_RATE(UnitOfMeasure.PERCENT),
    /** Among ethnic-minority households: POOR / assessed, in percent. */
    MINORITY_POVERTY_RATE(UnitOfMeasure.PERCENT),
    /** As {@link #MINORITY_POVERTY_RATE}, counting only communes flagged especially difficult on the map date. */
    MINORITY_POVERTY_RATE_ESPECIALLY_DIFFICULT_COMMUNES(UnitOfMeasure.PERCENT),
    /** Households POOR by the year's periodic assessment. */
    POOR_HOUSEHOLDS(UnitOfMeasure.HOUSEHOLDS),
    /** Households NEAR_POOR by the year's periodic assessment. */
    NEAR_POOR_HOUSEHOLDS(UnitOfMeasure.HOUSEHOLDS),
    /** POOR in the household's previous periodic review, not POOR in this one. */
    HOUSEHOLDS_ESCAPED_POVERTY(UnitOfMeasure.HOUSEHOLDS),
    /** POOR in this review and in none before. */
    HOUSEHOLDS_NEWLY_POOR(UnitOfMeasure.HOUSEHOLDS),
    /** POOR in this review, not POOR in the previous one, POOR in an earlier one. */
    HOUSEHOLDS_RE_POOR(UnitOfMeasure.HOUSEHOLDS),
    /**
     * Among households POOR by the year's periodic review: those holding a health-insurance card
     * ({@code HEALTH_INSURANCE_CARD}) for the following year, the year the review's list is in force, in percent.
     */
    HEALTH_INSURANCE_COVERAGE_POOR(UnitOfMeasure.PERCENT),
    /**
     * Among households eligible for policy credit by the year's periodic review (POOR or NEAR_POOR, or above the
     * line and POOR or NEAR_POOR in one of the three previous periodic reviews: newly escaped): those that
     * received a preferential loan ({@code PREFERENTIAL_LOAN}) dated from 1 January of the previous year to
     * 31 December of the following year, in percent.
     */
    PREFERENTIAL_CREDIT_COVERAGE(UnitOfMeasure.PERCENT);

    private final UnitOfMeasure unitOfMeasure;

    DerivedMeasure(UnitOfMeasure unitOfMeasure) {
        this.unitOfMeasure = unitOfMeasure;
    }

    /** The unit of measure of the computed values. */
    public UnitOfMeasure unitOfMeasure() {
        return unitOfMeasure;
    }
}
