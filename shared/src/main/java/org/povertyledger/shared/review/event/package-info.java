/** Events of a commune's review procedure of a year. */
package org.povertyledger.shared.review.event;
