package org.povertyledger.shared.programme.query;

import java.util.List;

/** A project's funding: the roll-up of its sub-projects. */
public record ProjectFunding(String projectCode, String name, FundingFigures totals,
                             List<SubProjectFunding> subProjects) {
}
