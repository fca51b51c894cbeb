/** Events of the indicator catalogue. */
package org.povertyledger.shared.indicator.event;
