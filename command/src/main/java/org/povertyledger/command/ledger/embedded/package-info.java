/**
 * The embedded, durable MongoDB-compatible store used when no external MongoDB is configured: mongo-java-server
 * over an H2 MVStore file, with a group commit that fsyncs every acknowledged write.
 */
package org.povertyledger.command.ledger.embedded;
