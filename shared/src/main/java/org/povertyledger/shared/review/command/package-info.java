/** Commands of a commune's review of a year: its procedure's steps and the sign-off of its list. */
package org.povertyledger.shared.review.command;
