package org.povertyledger.shared.rulebook;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * The shapes a poverty standard takes; a registered rulebook is one of these with its own thresholds. Each names
 * the thresholds it needs (all of them required, no others allowed) and classifies with them.
 */
public enum RulebookFormula {

    /**
     * Decision 59/2015/QD-TTg: poor at or below the lower line, or at or below the upper line with at least the
     * deprivation threshold; near-poor at or below the upper line otherwise.
     */
    TWO_LINES_2015(List.of(Thresholds.RURAL_LOWER_LINE, Thresholds.RURAL_UPPER_LINE, Thresholds.URBAN_LOWER_LINE,
            Thresholds.URBAN_UPPER_LINE, Thresholds.DEPRIVATION_THRESHOLD)) {
        @Override
        Classified classify(Map<String, Long> t, Area area, long income, Livelihood livelihood, int deprivations) {
            boolean rural = area == Area.RURAL;
            long lower = t.get(rural ? Thresholds.RURAL_LOWER_LINE : Thresholds.URBAN_LOWER_LINE);
            long upper = t.get(rural ? Thresholds.RURAL_UPPER_LINE : Thresholds.URBAN_UPPER_LINE);
            PovertyStatus status;
            if (income <= lower || (income <= upper && deprivations >= t.get(Thresholds.DEPRIVATION_THRESHOLD))) {
                status = PovertyStatus.POOR;
            } else if (income <= upper) {
                status = PovertyStatus.NEAR_POOR;
            } else {
                status = PovertyStatus.NOT_POOR;
            }
            return new Classified(status, lower);
        }
    },

    /**
     * Decree 07/2021/ND-CP (and its successors of the same shape): at or below the line, poor with at least the
     * deprivation threshold, near-poor otherwise; above it and up to the average-living limit in farming,
     * forestry, fishery or salt making, average living standard.
     */
    LINE_AND_AVERAGE_2021(List.of(Thresholds.RURAL_LINE, Thresholds.URBAN_LINE, Thresholds.RURAL_AVERAGE_LIMIT,
            Thresholds.URBAN_AVERAGE_LIMIT, Thresholds.DEPRIVATION_THRESHOLD)) {
        @Override
        Classified classify(Map<String, Long> t, Area area, long income, Livelihood livelihood, int deprivations) {
            boolean rural = area == Area.RURAL;
            long line = t.get(rural ? Thresholds.RURAL_LINE : Thresholds.URBAN_LINE);
            long averageLimit = t.get(rural ? Thresholds.RURAL_AVERAGE_LIMIT : Thresholds.URBAN_AVERAGE_LIMIT);
            PovertyStatus status;
            if (income <= line) {
                status = deprivations >= t.get(Thresholds.DEPRIVATION_THRESHOLD) ? PovertyStatus.POOR
                        : PovertyStatus.NEAR_POOR;
            } else if (income <= averageLimit && livelihood == Livelihood.FARMING_FORESTRY_FISHERY_SALT) {
                status = PovertyStatus.AVERAGE_LIVING_STANDARD;
            } else {
                status = PovertyStatus.NOT_POOR;
            }
            return new Classified(status, line);
        }
    };

    private final List<String> thresholds;

    RulebookFormula(List<String> thresholds) {
        this.thresholds = thresholds;
    }

    /** The thresholds this formula needs, each required. */
    public Set<String> thresholds() {
        return Set.copyOf(thresholds);
    }

    abstract Classified classify(Map<String, Long> thresholds, Area area, long income, Livelihood livelihood,
                                 int deprivations);

    /** A status and the income line it was judged against. */
    record Classified(PovertyStatus status, long incomeLine) {
    }

    /** Names of thresholds, as registered. */
    public static final class Thresholds {
        public static final String RURAL_LINE = "RURAL_LINE";
        public static final String URBAN_LINE = "URBAN_LINE";
        public static final String RURAL_AVERAGE_LIMIT = "RURAL_AVERAGE_LIMIT";
        public static final String URBAN_AVERAGE_LIMIT = "URBAN_AVERAGE_LIMIT";
        public static final String RURAL_LOWER_LINE = "RURAL_LOWER_LINE";
        public static final String RURAL_UPPER_LINE = "RURAL_UPPER_LINE";
        public static final String URBAN_LOWER_LINE = "URBAN_LOWER_LINE";
        public static final String URBAN_UPPER_LINE = "URBAN_UPPER_LINE";
        public static final String DEPRIVATION_THRESHOLD = "DEPRIVATION_THRESHOLD";

        private Thresholds() {
        }
    }
}
