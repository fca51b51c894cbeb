package org.povertyledger.shared.review.event;

/** An event of one review period's stream. */
public interface ReviewPeriodEvent {

    /** The commune whose review it is. */
    String communeCode();

    /** The review year. */
    int year();
}
