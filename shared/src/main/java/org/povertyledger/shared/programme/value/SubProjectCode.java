package org.povertyledger.shared.programme.value;

import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/**
 * Code of a sub-project, the line that funding, outputs and benefits are recorded against: the project code, a dot,
 * {@code SP} and the sub-project number ({@code P4.SP2}). A project without sub-projects (Projects 1, 2 and 5 of
 * Decision 90/QD-TTg) has one line coded as the project itself ({@code P5}).
 */
public record SubProjectCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("(P[1-9][0-9]?)(\\.SP[1-9][0-9]?)?");

    public SubProjectCode {
        Require.matches("subProjectCode", value, SHAPE, "a project code optionally followed by '.SP' and a number, "
                + "e.g. P4.SP2 or P5");
    }

    /** The project this sub-project belongs to. */
    public ProjectCode projectCode() {
        int dot = value.indexOf('.');
        return new ProjectCode(dot < 0 ? value : value.substring(0, dot));
    }

    /** Whether this line stands for a whole project that has no sub-projects. */
    public boolean wholeProject() {
        return value.indexOf('.') < 0;
    }

    @Override
    public String toString() {
        return value;
    }
}
