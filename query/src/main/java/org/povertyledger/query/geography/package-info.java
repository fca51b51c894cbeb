/**
 * The administrative geography's read side: the map folded from its events at any log position, the tree on
 * a date, lineage, and the mapping of recorded commune codes onto the units of a map date.
 */
package org.povertyledger.query.geography;
