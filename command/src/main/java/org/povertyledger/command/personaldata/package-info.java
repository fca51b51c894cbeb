/**
 * Crypto-shredding of households' personal fields: per-household AES-GCM data keys in their own collection, the
 * ledger hook that stores those fields encrypted and opens them on every read, and the erasure that destroys a key.
 */
package org.povertyledger.command.personaldata;
