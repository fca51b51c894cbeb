/**
 * Bitemporal indicator queries. Each takes {@code asOf} (valid date: facts effective on or before it count;
 * {@code null}: every fact known), {@code knownAt} (transaction time: only what the log held at that position
 * or time) and {@code mapDate} (the geography a unit is read on; {@code null}: chosen per unit, see README).
 * Every answer names the log position and time it reflects.
 */
package org.povertyledger.shared.indicator.query;
