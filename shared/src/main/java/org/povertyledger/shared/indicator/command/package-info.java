/** Commands of the indicator catalogue: define indicators, record and correct observations, set targets. */
package org.povertyledger.shared.indicator.command;
