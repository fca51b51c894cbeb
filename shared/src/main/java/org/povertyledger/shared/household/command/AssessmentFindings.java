package org.povertyledger.shared.household.command;

import java.util.Set;
import java.util.TreeSet;

import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.rulebook.AssessmentInputs;

/**
 * What the survey found: income per person per month, main livelihood and deprivation codes. The area
 * is the household's, taken from the register when the rulebook runs.
 */
public record AssessmentFindings(Vnd incomePerCapitaMonthly, Livelihood livelihood, Set<String> deprivations) {

    public AssessmentFindings {
        Require.present("incomePerCapitaMonthly", incomePerCapitaMonthly);
        Require.present("livelihood", livelihood);
        Require.present("deprivations", deprivations);
        TreeSet<String> sorted = new TreeSet<>();
        for (String code : deprivations) {
            sorted.add(Require.text("deprivations", code, 64));
        }
        deprivations = java.util.Collections.unmodifiableSortedSet(sorted);
    }

    /** The rulebook's inputs for a household in the given area. */
    public AssessmentInputs toInputs(Area area) {
        return new AssessmentInputs(area, incomePerCapitaMonthly, livelihood, deprivations);
    }
}
