package org.povertyledger.shared.rulebook;

import java.util.Set;

/**
 * A versioned, pure poverty classification rule. Implementations hold no state and touch nothing
 * outside their arguments: the same inputs always give the same classification.
 */
public interface Rulebook {

    /** Stable identifier, e.g. {@code VN-DECREE-07-2021}. */
    String id();

    /** Version of this rulebook's implementation; bumped on any change of its outcome. */
    int version();

    /** The legal document the rule implements. */
    String legalBasis();

    /** First review year this rulebook applies to. */
    int firstReviewYear();

    /** Last review year this rulebook applies to. */
    int lastReviewYear();

    /** Where it applies: {@code VN} for the national standard, a two-digit province code for a province's own. */
    default String scope() {
        return RulebookDefinition.NATIONAL;
    }

    /** The deprivation indicator codes this rulebook defines. */
    Set<String> indicators();

    /**
     * Classifies a household.
     *
     * @throws org.povertyledger.shared.common.ValidationException with code UNKNOWN_DEPRIVATION when a
     *         deprivation code is not one of {@link #indicators()}
     */
    Classification classify(AssessmentInputs inputs);

    /** Whether the rulebook covers the review year. */
    default boolean appliesTo(int reviewYear) {
        return reviewYear >= firstReviewYear() && reviewYear <= lastReviewYear();
    }
}
