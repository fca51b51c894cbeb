/**
 * The sign-off of a commune's annual review ({@code ReviewPeriod}) and the check the household aggregate makes
 * against it before an assessment or correction ({@link org.povertyledger.command.review.ReviewPeriodLookup}).
 */
package org.povertyledger.command.review;
