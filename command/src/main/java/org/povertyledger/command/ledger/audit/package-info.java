/**
 * What an auditor needs to check the ledger without the service: the chain hash ({@link
 * org.povertyledger.command.ledger.audit.LedgerHashing}), RFC 6962 Merkle trees and proofs, Ed25519 signed
 * checkpoints, the export format and the offline verifier. Depends on the JDK and jackson-core only (an
 * architecture test keeps it so), because these classes are also packed alone into the verifier jar.
 */
package org.povertyledger.command.ledger.audit;
