package org.povertyledger.shared.rulebook;

import java.util.Set;
import java.util.TreeSet;

import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.Livelihood;

/**
 * What a rulebook classifies: the household's area, its average income per person per month, its main
 * livelihood and the deprivation indicator codes the survey found. Deprivation codes are kept sorted so
 * that equal inputs have one encoding.
 */
public record AssessmentInputs(Area area, Vnd incomePerCapitaMonthly, Livelihood livelihood, Set<String> deprivations) {

    public AssessmentInputs {
        Require.present("area", area);
        Require.present("incomePerCapitaMonthly", incomePerCapitaMonthly);
        Require.present("livelihood", livelihood);
        Require.present("deprivations", deprivations);
        TreeSet<String> sorted = new TreeSet<>();
        for (String code : deprivations) {
            sorted.add(Require.text("deprivations", code, 64));
        }
        deprivations = java.util.Collections.unmodifiableSortedSet(sorted);
    }
}
