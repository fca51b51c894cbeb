/**
 * Bulk import of the annual review: the record of an import (who, which file, its SHA-256, the counts) as
 * a fact in the ledger. The rows themselves become the ordinary household commands.
 */
package org.povertyledger.shared.importing;
