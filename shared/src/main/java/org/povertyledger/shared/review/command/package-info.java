/** Commands recording the steps of a commune's review of a year. */
package org.povertyledger.shared.review.command;
