/**
 * The steps of the poverty review procedure (Decision 24/2021/QD-TTg) that a decision's conformance is checked
 * against: village meetings with their vote, the commune's public posting of the list, households' requests for an
 * on-demand review.
 */
package org.povertyledger.shared.review;
