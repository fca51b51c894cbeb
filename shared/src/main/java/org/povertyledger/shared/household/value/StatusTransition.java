package org.povertyledger.shared.household.value;

import java.util.Optional;

/**
 * The named change between a household's previous and new status, as reported in the review
 * (newly poor, escaped poverty, re-poor, ...).
 */
public enum StatusTransition {
    /** Poor, not having been poor before. */
    NEWLY_POOR,
    /** Poor again after having escaped poverty earlier. */
    RE_POOR,
    /** Near-poor, coming from not poor, average or unassessed. */
    NEWLY_NEAR_POOR,
    /** From poor to near-poor. */
    POOR_TO_NEAR_POOR,
    /** From near-poor to poor, never poor before. */
    NEAR_POOR_TO_POOR,
    /** From poor to above the poverty line. */
    ESCAPED_POVERTY,
    /** From near-poor to above the poverty line. */
    ESCAPED_NEAR_POVERTY,
    /** First classification above the line (not poor or average living standard). */
    FIRST_ASSESSED_ABOVE_LINE,
    /** Between NOT_POOR and AVERAGE_LIVING_STANDARD, both above the line. */
    ABOVE_LINE_RECLASSIFIED;

    /**
     * Names the transition from {@code previous} to {@code next}.
     *
     * @param everPoorBefore whether the household was classified POOR at any earlier time
     * @return empty when the status did not change
     */
    public static Optional<StatusTransition> between(PovertyStatus previous, PovertyStatus next, boolean everPoorBefore) {
        if (previous == next) {
            return Optional.empty();
        }
        StatusTransition transition = switch (next) {
            case POOR -> everPoorBefore && previous != PovertyStatus.POOR ? RE_POOR
                    : previous == PovertyStatus.NEAR_POOR ? NEAR_POOR_TO_POOR : NEWLY_POOR;
            case NEAR_POOR -> previous == PovertyStatus.POOR ? POOR_TO_NEAR_POOR : NEWLY_NEAR_POOR;
            case AVERAGE_LIVING_STANDARD, NOT_POOR -> switch (previous) {
                case POOR -> ESCAPED_POVERTY;
                case NEAR_POOR -> ESCAPED_NEAR_POVERTY;
                case UNASSESSED -> FIRST_ASSESSED_ABOVE_LINE;
                default -> ABOVE_LINE_RECLASSIFIED;
            };
            case UNASSESSED -> throw new IllegalArgumentException("a household cannot become unassessed");
        };
        return Optional.of(transition);
    }
}
