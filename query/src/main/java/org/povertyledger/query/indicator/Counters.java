package org.povertyledger.query.indicator;

/** The household counts kept per recorded commune and review year, by index. */
final class Counters {

    static final int ASSESSED = 0;
    static final int POOR = 1;
    static final int NEAR_POOR = 2;
    static final int MINORITY_ASSESSED = 3;
    static final int MINORITY_POOR = 4;
    static final int MINORITY_NEAR_POOR = 5;
    static final int ESCAPED = 6;
    static final int NEWLY_POOR = 7;
    static final int RE_POOR = 8;
    /** POOR in the review and holding a health-insurance card for the following year. */
    static final int POOR_INSURED = 9;
    /** Eligible for policy credit by the review: POOR, NEAR_POOR or newly escaped. */
    static final int CREDIT_ELIGIBLE = 10;
    /** Eligible for policy credit and with a preferential loan in the window. */
    static final int CREDIT_COVERED = 11;
    /** In a restated cell only: households whose outcome for the year is a restated one. */
    static final int RESTATED = 12;
    /** In a restated cell only: restated households whose restated status differs from the decided one. */
    static final int RESTATED_CHANGED = 13;
    static final int SIZE = 14;

    private Counters() {
    }

    /** The cell of a recorded commune code and a review year. */
    static String derivedCell(String communeCode, int year) {
        return "d:" + communeCode + ":" + year;
    }

    /**
     * The restated cell of a recorded commune and review year under a rulebook version ({@code ID:VERSION}): what
     * the restatements under it change in the derived cell {@code derivedCell}, so that the figure as restated is
     * the derived cell plus this one, read at the same position and valid date.
     */
    static String restatedCell(String rulebookKey, String derivedCell) {
        return "x:" + rulebookKey + ":" + derivedCell.substring(2);
    }

    /** The cell of a reported indicator's observations for a unit and year. */
    static String reportedCell(String indicatorCode, String unitCode, int year) {
        return "r:" + indicatorCode + ":" + unitCode + ":" + year;
    }

    static boolean isZero(long[] values) {
        for (long value : values) {
            if (value != 0) {
                return false;
            }
        }
        return true;
    }
}
