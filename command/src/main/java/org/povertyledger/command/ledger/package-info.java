/**
 * The event storage engine of the ledger: an Axon {@code EventStorageEngine} over MongoDB that stores one document
 * per commit, numbers events with gapless global positions, chains them with SHA-256 hashes and only issues
 * queries that a unique index can answer (exact {@code _id}, {@code _id $in}, {@code streamKeys $in},
 * {@code requestKey}), so it runs well on the embedded mongo-java-server as well as on MongoDB.
 */
package org.povertyledger.command.ledger;
