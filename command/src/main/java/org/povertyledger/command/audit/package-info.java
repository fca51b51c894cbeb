/**
 * Audit of recorded decisions: a replay reads every classification in a scope from the ledger itself, re-runs the
 * rulebook and version it names on the inputs it recorded, and keeps a verdict per decision.
 */
package org.povertyledger.command.audit;
