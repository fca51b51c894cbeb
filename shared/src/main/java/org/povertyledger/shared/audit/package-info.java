/**
 * The auditor's contract: decision replays (re-running every recorded classification with the rulebook and
 * version it names, on the inputs it recorded), themselves kept as events.
 */
package org.povertyledger.shared.audit;
