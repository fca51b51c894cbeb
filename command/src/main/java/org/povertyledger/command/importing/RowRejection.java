package org.povertyledger.command.importing;

import java.util.List;

/**
 * A refused row: its number, the household it names (when readable) and every problem found. Nothing was
 * written for it.
 */
public record RowRejection(long row, String householdId, List<RowProblem> problems) {

    public RowRejection {
        problems = List.copyOf(problems);
    }
}
