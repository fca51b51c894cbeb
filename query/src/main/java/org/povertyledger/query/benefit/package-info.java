/**
 * Household benefits on the read side: one document per household with its commune and status timelines and its
 * benefits, from which benefit coverage per commune and year is computed on any valid date.
 */
package org.povertyledger.query.benefit;
