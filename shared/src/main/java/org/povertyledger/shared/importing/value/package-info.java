/** Value objects of the bulk import. */
package org.povertyledger.shared.importing.value;
