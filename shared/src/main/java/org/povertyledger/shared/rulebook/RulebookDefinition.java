package org.povertyledger.shared.rulebook;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * A rulebook as registered data: its id and version, the formula and its thresholds, the deprivation indicators
 * it counts, the review years it is in force for (its effective period), the area it applies to ({@code VN} for
 * the national standard, a two-digit province code for a province's own higher standard) and its legal basis. An
 * invalid definition cannot exist: every threshold of the formula present and positive, no other, the lines in
 * order, the period not ending before it starts, every indicator a known one.
 */
public record RulebookDefinition(String rulebookId, int version, RulebookFormula formula, String scope,
                                 int firstReviewYear, int lastReviewYear, String legalBasis,
                                 SortedMap<String, Long> thresholds, SortedSet<String> indicators) {

    /** The scope of the national standard. */
    public static final String NATIONAL = "VN";

    /**
     * Every deprivation indicator a rulebook may count: the 12 of Decree 07/2021 and the 10 of Decision 59/2015
     * (two of which, access to health services and information assets, Decree 07 no longer has).
     */
    public static final Set<String> KNOWN_INDICATORS = Set.of(
            "EMPLOYMENT", "DEPENDANTS", "NUTRITION", "HEALTH_INSURANCE", "ACCESS_TO_HEALTH_SERVICES",
            "ADULT_EDUCATION", "CHILD_SCHOOL_ATTENDANCE", "HOUSING_QUALITY", "HOUSING_AREA", "DOMESTIC_WATER",
            "HYGIENIC_LATRINE", "TELECOM_USE", "INFORMATION_ACCESS", "INFORMATION_ASSETS");

    private static final Pattern ID_SHAPE = Pattern.compile("[A-Z][A-Z0-9-]{2,63}");
    private static final Pattern SCOPE_SHAPE = Pattern.compile("VN|[0-9]{2}");

    public RulebookDefinition {
        Require.matches("rulebookId", rulebookId, ID_SHAPE, "upper-case letters, digits and dashes, 3-64");
        Require.range("version", version, 1, 10_000);
        Require.present("formula", formula);
        Require.matches("scope", scope, SCOPE_SHAPE, "VN (national) or a two-digit province code");
        Require.range("firstReviewYear", firstReviewYear, 2000, 2100);
        Require.range("lastReviewYear", lastReviewYear, 2000, 2100);
        if (lastReviewYear < firstReviewYear) {
            throw new ValidationException("lastReviewYear", "not-before-firstReviewYear",
                    "the effective period ends (" + lastReviewYear + ") before it starts (" + firstReviewYear + ")");
        }
        legalBasis = Require.text("legalBasis", legalBasis, 200);
        thresholds = checkedThresholds(formula, Require.present("thresholds", thresholds));
        indicators = checkedIndicators(Require.present("indicators", indicators));
    }

    private static SortedMap<String, Long> checkedThresholds(RulebookFormula formula, Map<String, Long> given) {
        for (String name : given.keySet()) {
            if (!formula.thresholds().contains(name)) {
                throw new ValidationException(ErrorCode.VALIDATION_FAILED, "thresholds." + name, "known-criterion",
                        "'" + name + "' is not a threshold of formula " + formula,
                        Map.of("allowed", List.copyOf(new TreeSet<>(formula.thresholds()))));
            }
        }
        for (String name : new TreeSet<>(formula.thresholds())) {
            Long value = given.get(name);
            if (value == null) {
                throw new ValidationException(ErrorCode.VALIDATION_FAILED, "thresholds." + name, "required",
                        "formula " + formula + " needs the threshold " + name, Map.of("required",
                                List.copyOf(new TreeSet<>(formula.thresholds()))));
            }
            Require.range("thresholds." + name, value, 1, 1_000_000_000L);
        }
        TreeMap<String, Long> sorted = new TreeMap<>(given);
        inOrder(sorted, RulebookFormula.Thresholds.RURAL_LOWER_LINE, RulebookFormula.Thresholds.RURAL_UPPER_LINE);
        inOrder(sorted, RulebookFormula.Thresholds.URBAN_LOWER_LINE, RulebookFormula.Thresholds.URBAN_UPPER_LINE);
        inOrder(sorted, RulebookFormula.Thresholds.RURAL_LINE, RulebookFormula.Thresholds.RURAL_AVERAGE_LIMIT);
        inOrder(sorted, RulebookFormula.Thresholds.URBAN_LINE, RulebookFormula.Thresholds.URBAN_AVERAGE_LIMIT);
        return Collections.unmodifiableSortedMap(sorted);
    }

    private static void inOrder(Map<String, Long> thresholds, String lower, String upper) {
        if (thresholds.containsKey(lower) && thresholds.get(upper) < thresholds.get(lower)) {
            throw new ValidationException("thresholds." + upper, "min:" + lower,
                    upper + " (" + thresholds.get(upper) + ") is below " + lower + " (" + thresholds.get(lower) + ")");
        }
    }

    private static SortedSet<String> checkedIndicators(Set<String> given) {
        if (given.isEmpty()) {
            throw new ValidationException("indicators", "not-empty", "a rulebook counts at least one indicator");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String code : given) {
            if (!KNOWN_INDICATORS.contains(code)) {
                throw new ValidationException(ErrorCode.UNKNOWN_DEPRIVATION, "indicators", "known-indicator",
                        "'" + code + "' is not a known deprivation indicator",
                        Map.of("allowed", List.copyOf(new TreeSet<>(KNOWN_INDICATORS)), "rejected", code));
            }
            sorted.add(code);
        }
        return Collections.unmodifiableSortedSet(sorted);
    }

    /** Whether the two effective periods share a review year. */
    public boolean overlaps(RulebookDefinition other) {
        return firstReviewYear <= other.lastReviewYear && other.firstReviewYear <= lastReviewYear;
    }

    /** This definition as a rulebook that classifies. */
    public Rulebook toRulebook() {
        return new DefinedRulebook(this);
    }

    /** A rulebook whose rule is a registered definition. */
    private record DefinedRulebook(RulebookDefinition definition) implements Rulebook {

        @Override
        public String id() {
            return definition.rulebookId();
        }

        @Override
        public int version() {
            return definition.version();
        }

        @Override
        public String legalBasis() {
            return definition.legalBasis();
        }

        @Override
        public int firstReviewYear() {
            return definition.firstReviewYear();
        }

        @Override
        public int lastReviewYear() {
            return definition.lastReviewYear();
        }

        @Override
        public String scope() {
            return definition.scope();
        }

        @Override
        public Set<String> indicators() {
            return definition.indicators();
        }

        @Override
        public Classification classify(AssessmentInputs inputs) {
            int deprivations = Rulebooks.countKnownDeprivations(this, inputs.deprivations());
            RulebookFormula.Classified classified = definition.formula().classify(definition.thresholds(),
                    inputs.area(), inputs.incomePerCapitaMonthly().value(), inputs.livelihood(), deprivations);
            PovertyStatus status = classified.status();
            return new Classification(status, deprivations, id(), version(), classified.incomeLine());
        }
    }
}
