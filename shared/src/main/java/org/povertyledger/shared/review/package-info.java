/**
 * The sign-off of a commune's annual review: a review period (one commune, one review year) moves from open to
 * submitted (by the commune officer), approved (by another user: maker and checker) and locked; while it is
 * submitted, approved or locked, its assessments and corrections are refused except through a recorded exception.
 */
package org.povertyledger.shared.review;
