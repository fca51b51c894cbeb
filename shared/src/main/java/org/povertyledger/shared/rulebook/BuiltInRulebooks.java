package org.povertyledger.shared.rulebook;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.povertyledger.shared.rulebook.RulebookFormula.Thresholds;

/**
 * The national standards as registered data, loaded into the rulebook catalogue on start: Decision 59/2015
 * (2016-2020), Decree 07/2021 (2021-2026; Decree 351/2025 keeps its lines for 2026) and Decree 351/2025 for
 * 2027-2030. The first two classify exactly as {@link Decision59Rulebook} and {@link Decree07Rulebook}.
 */
public final class BuiltInRulebooks {

    /** The 2026-2030 standard's id; registered for 2027-2030, the years its own lines apply to. */
    public static final String DECREE_351_ID = "VN-DECREE-351-2025";
    public static final long DECREE_351_RURAL_LINE = 2_200_000;
    public static final long DECREE_351_URBAN_LINE = 2_800_000;

    private BuiltInRulebooks() {
    }

    public static List<RulebookDefinition> definitions() {
        return List.of(decision59(), decree07(), decree351());
    }

    static RulebookDefinition decision59() {
        return new RulebookDefinition(Decision59Rulebook.ID, 1, RulebookFormula.TWO_LINES_2015,
                RulebookDefinition.NATIONAL, 2016, 2020, new Decision59Rulebook().legalBasis(),
                thresholds(Map.of(Thresholds.RURAL_LOWER_LINE, Decision59Rulebook.RURAL_LOWER,
                        Thresholds.RURAL_UPPER_LINE, Decision59Rulebook.RURAL_UPPER,
                        Thresholds.URBAN_LOWER_LINE, Decision59Rulebook.URBAN_LOWER,
                        Thresholds.URBAN_UPPER_LINE, Decision59Rulebook.URBAN_UPPER,
                        Thresholds.DEPRIVATION_THRESHOLD, 3L)),
                new TreeSet<>(new Decision59Rulebook().indicators()));
    }

    static RulebookDefinition decree07() {
        return new RulebookDefinition(Decree07Rulebook.ID, 1, RulebookFormula.LINE_AND_AVERAGE_2021,
                RulebookDefinition.NATIONAL, 2021, 2026, new Decree07Rulebook().legalBasis(),
                lineAndAverage(Decree07Rulebook.RURAL_LINE, Decree07Rulebook.URBAN_LINE,
                        Decree07Rulebook.RURAL_AVERAGE_LIMIT, Decree07Rulebook.URBAN_AVERAGE_LIMIT),
                new TreeSet<>(new Decree07Rulebook().indicators()));
    }

    /**
     * Decree 351/2025/ND-CP for 2027-2030: 2,200,000 VND rural, 2,800,000 VND urban. The average-living limits
     * are set at 1.5 times the line, the ratio Decree 07/2021 uses; the deprivation indicators are Decree 07's.
     */
    static RulebookDefinition decree351() {
        return new RulebookDefinition(DECREE_351_ID, 1, RulebookFormula.LINE_AND_AVERAGE_2021,
                RulebookDefinition.NATIONAL, 2027, 2030, "Decree 351/2025/ND-CP",
                lineAndAverage(DECREE_351_RURAL_LINE, DECREE_351_URBAN_LINE, DECREE_351_RURAL_LINE * 3 / 2,
                        DECREE_351_URBAN_LINE * 3 / 2),
                new TreeSet<>(new Decree07Rulebook().indicators()));
    }

    private static TreeMap<String, Long> lineAndAverage(long rural, long urban, long ruralAverage, long urbanAverage) {
        return thresholds(Map.of(Thresholds.RURAL_LINE, rural, Thresholds.URBAN_LINE, urban,
                Thresholds.RURAL_AVERAGE_LIMIT, ruralAverage, Thresholds.URBAN_AVERAGE_LIMIT, urbanAverage,
                Thresholds.DEPRIVATION_THRESHOLD, 3L));
    }

    private static TreeMap<String, Long> thresholds(Map<String, Long> values) {
        return new TreeMap<>(values);
    }

    /** Indicators of Decree 07/2021, for definitions that reuse them. */
    public static Set<String> decree07Indicators() {
        return new Decree07Rulebook().indicators();
    }
}
