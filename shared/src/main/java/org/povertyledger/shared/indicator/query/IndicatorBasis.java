package org.povertyledger.shared.indicator.query;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;

/**
 * Which outcomes a derived figure counts: the review's decisions ({@code decided}, the default), or the decisions
 * with each one restated under a rulebook version put in its place where a restatement of it exists
 * ({@code restated}). Asked for in a query without counts; answered with them.
 *
 * @param name {@value #DECIDED} or {@value #RESTATED}
 * @param rulebookId the rulebook of the restatements ({@code restated} only)
 * @param rulebookVersion its version ({@code restated} only)
 * @param restatedHouseholds in an answer, the households counted with a restated outcome ({@code restated} only)
 * @param statusChanged in an answer, those of them whose restated status differs from the decided one
 */
public record IndicatorBasis(String name, String rulebookId, Integer rulebookVersion, Long restatedHouseholds,
                             Long statusChanged) {

    public static final String DECIDED = "decided";
    public static final String RESTATED = "restated";
    /** The decisions as recorded and corrected. */
    public static final IndicatorBasis AS_DECIDED = new IndicatorBasis(DECIDED, null, null, null, null);

    private static final Pattern RULEBOOK = Pattern.compile("([A-Z][A-Z0-9-]{2,63}):([1-9][0-9]{0,5})");

    public IndicatorBasis {
        Require.present("basis", name);
        if (RESTATED.equals(name)) {
            Require.present("rulebook", rulebookId);
            Require.present("rulebook", rulebookVersion);
        } else if (!DECIDED.equals(name)) {
            throw new ValidationException("basis", "one-of:decided,restated", "basis must be decided or restated");
        }
    }

    /**
     * The basis of the request parameters {@code basis} and {@code rulebook} ({@code ID:VERSION}, required with
     * {@code restated} and refused without it, so that a figure is never silently read on another basis).
     */
    public static IndicatorBasis parse(String basis, String rulebook) {
        if (basis == null || basis.isBlank() || DECIDED.equals(basis)) {
            if (rulebook != null) {
                throw new ValidationException("rulebook", "only-with:basis=restated",
                        "rulebook names the restatements read with basis=restated; the decided figures have none");
            }
            return AS_DECIDED;
        }
        if (!RESTATED.equals(basis)) {
            throw new ValidationException("basis", "one-of:decided,restated", "basis must be decided or restated");
        }
        Require.present("rulebook", rulebook);
        Matcher matcher = RULEBOOK.matcher(rulebook);
        if (!matcher.matches()) {
            throw new ValidationException("rulebook", "pattern:ID:VERSION",
                    "rulebook must be a rulebook id and version, e.g. DAK-LAK-2024:1");
        }
        return restated(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }

    /** The restated basis under a rulebook version, as asked for. */
    public static IndicatorBasis restated(String rulebookId, int rulebookVersion) {
        return new IndicatorBasis(RESTATED, rulebookId, rulebookVersion, null, null);
    }

    public boolean isRestated() {
        return RESTATED.equals(name);
    }

    /** {@code ID:VERSION}, the key restated figures are kept under ({@code null} when decided). */
    public String rulebookKey() {
        return isRestated() ? rulebookId + ":" + rulebookVersion : null;
    }

    /** This basis answered with the counts of restated households. */
    public IndicatorBasis counted(long restated, long changed) {
        return isRestated() ? new IndicatorBasis(name, rulebookId, rulebookVersion, restated, changed) : this;
    }
}
