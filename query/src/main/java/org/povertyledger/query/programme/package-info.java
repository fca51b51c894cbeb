/**
 * The programme's read side: the structure, the funding ledger (one document per allocation with its dated entries)
 * and the outputs against plan, their projections, query handlers and read HTTP API. Dated entries are kept in the
 * documents and every "as of" question is answered by filtering them in memory.
 */
package org.povertyledger.query.programme;
