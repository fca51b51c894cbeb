/** Queries of the household register and the views that answer them. */
package org.povertyledger.shared.household.query;
