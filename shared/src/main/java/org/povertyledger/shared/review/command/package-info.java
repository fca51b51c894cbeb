/** Review periods: command types. */
package org.povertyledger.shared.review.command;
