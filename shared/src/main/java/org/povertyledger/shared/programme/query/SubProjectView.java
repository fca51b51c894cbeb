package org.povertyledger.shared.programme.query;

import java.util.List;

/**
 * A sub-project with the agency managing it on the view's date ({@code null} before its registration took effect)
 * and every agency term recorded.
 */
public record SubProjectView(String subProjectCode, String name, String managingAgency,
                             List<AgencyTerm> agencyHistory) {
}
