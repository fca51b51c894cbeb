package org.povertyledger.shared.indicator.value;

/**
 * The computations a DERIVED indicator can name. Each is computed per review year from the periodic review
 * (Decision 24/2021/QD-TTg) as recorded and corrected, per commune, and summed over the communes a unit covers.
 *
 * <p>New computations (health-insurance and preferential-credit coverage, once benefits are recorded) are
 * added here and in the query side's measure table; existing ones never change meaning.
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
    HOUSEHOLDS_RE_POOR(UnitOfMeasure.HOUSEHOLDS);

    private final UnitOfMeasure unitOfMeasure;

    DerivedMeasure(UnitOfMeasure unitOfMeasure) {
        this.unitOfMeasure = unitOfMeasure;
    }

    /** The unit of measure of the computed values. */
    public UnitOfMeasure unitOfMeasure() {
        return unitOfMeasure;
    }
}
