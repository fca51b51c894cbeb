/** Commands of the bulk import. */
package org.povertyledger.shared.importing.command;
