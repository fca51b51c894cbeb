/** Queries of household benefits and benefit coverage, and the views they answer with. */
package org.povertyledger.shared.benefit.query;
