package org.povertyledger.shared.review.value;

/** Where a review period stands in its sign-off. */
public enum PeriodState {
    /** Assessments and corrections are recorded freely (every period starts here). */
    OPEN,
    /** The commune officer submitted the list; it waits for the district's approval. */
    SUBMITTED,
    /** A second user (the district) approved the submitted list. */
    APPROVED,
    /** The approved list is final. */
    LOCKED;

    /** Whether assessments and corrections of the period are refused (unless an exception opens one household). */
    public boolean frozen() {
        return this != OPEN;
    }
}
