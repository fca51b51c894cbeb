/** Queries of the administrative geography: the tree on a date, a unit's lineage; both bitemporal. */
package org.povertyledger.shared.geography.query;
