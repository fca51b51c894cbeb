/**
 * A commune's review of a year (Decision 24/2021/QD-TTg). The steps a decision's conformance is checked against:
 * village meetings with their vote, the commune's public posting of the list, households' requests for an on-demand
 * review. And the sign-off of the list: a review period (one commune, one review year) moves from open to submitted
 * (by the commune officer), approved (by another user: maker and checker) and locked; while it is submitted,
 * approved or locked, its assessments and corrections are refused except through a recorded exception.
 */
package org.povertyledger.shared.review;
