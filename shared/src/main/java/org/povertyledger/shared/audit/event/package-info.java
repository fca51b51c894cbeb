/** Events recording audit replays (and what they found) and restatements under another rulebook. */
package org.povertyledger.shared.audit.event;
