/**
 * The indicator read side: one projection (processing group {@code indicators}, one segment) keeps per-commune
 * and review-year counts with their full transaction-time history, the reported observations, and a reference
 * log of the geography and the catalogue; the query handler answers any indicator for any unit, year, valid
 * date, map date and log position from them.
 */
package org.povertyledger.query.indicator;
