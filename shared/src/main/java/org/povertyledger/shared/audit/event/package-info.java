/** Events recording that an auditor replayed the decisions of a scope, and what the replay found. */
package org.povertyledger.shared.audit.event;
