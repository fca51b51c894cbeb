/** The indicator catalogue's command side: the {@code Indicator} aggregate, its observations and targets. */
package org.povertyledger.command.indicator;
