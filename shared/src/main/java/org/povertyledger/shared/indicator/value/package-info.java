/** Value objects of the indicator catalogue and its targets; each validates itself. */
package org.povertyledger.shared.indicator.value;
