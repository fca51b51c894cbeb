/** Values of the audit messages: replay identifiers, scopes and counts. */
package org.povertyledger.shared.audit.value;
