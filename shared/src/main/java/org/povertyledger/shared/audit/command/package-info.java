/** Commands that record an audit replay's start and end. */
package org.povertyledger.shared.audit.command;
