/**
 * Indicators against targets: a catalogue of indicators (derived from household events or reported by
 * officers), observations, targets and the bitemporal queries that answer them.
 */
package org.povertyledger.shared.indicator;
