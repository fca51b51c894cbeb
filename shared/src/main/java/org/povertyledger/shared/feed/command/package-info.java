/** Commands on webhook subscriptions: create, pause, resume, delete, and disable (after a 410 from the receiver). */
package org.povertyledger.shared.feed.command;
