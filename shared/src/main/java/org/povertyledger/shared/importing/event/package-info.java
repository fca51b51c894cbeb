/** Events of the bulk import. */
package org.povertyledger.shared.importing.event;
