/** Commands that record audit replays and restatements. */
package org.povertyledger.shared.audit.command;
