/** Review periods: event types. */
package org.povertyledger.shared.review.event;
