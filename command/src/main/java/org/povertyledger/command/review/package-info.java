/**
 * A commune's review of a year: the procedure's recorded steps ({@code ReviewProcedure}: village meetings, public
 * postings, on-demand requests, as Decision 24/2021/QD-TTg requires them), the sign-off of the list
 * ({@code ReviewPeriod}: submitted, approved by another user, locked) and the check the household aggregate makes
 * against the sign-off before an assessment or correction ({@link org.povertyledger.command.review.ReviewPeriodLookup}).
 */
package org.povertyledger.command.review;
