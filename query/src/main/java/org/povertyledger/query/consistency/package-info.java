/**
 * Read-your-writes: a read that names a log position ({@code Consistency-Position} header or {@code minPosition}
 * parameter) is answered only once the projections it reads have processed that position. Endpoints declare what
 * they read with {@link org.povertyledger.query.consistency.ReadsProjections} or
 * {@link org.povertyledger.query.consistency.ReadsLedger}; {@link org.povertyledger.query.consistency.ConsistencyInterceptor}
 * does the rest for every such endpoint.
 */
package org.povertyledger.query.consistency;
