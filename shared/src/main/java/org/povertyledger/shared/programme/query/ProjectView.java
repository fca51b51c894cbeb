package org.povertyledger.shared.programme.query;

import java.util.List;

/** A project and its sub-projects. */
public record ProjectView(String projectCode, String name, List<SubProjectView> subProjects) {
}
