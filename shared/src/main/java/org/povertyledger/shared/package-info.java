/**
 * The published contract of PovertyLedger: commands, events, queries, views, value objects and the
 * poverty rulebook. Depends on nothing but {@code axon-modelling}: no Spring, no MongoDB.
 */
package org.povertyledger.shared;
