/** Webhook subscriptions as an event-sourced aggregate: create, pause, resume, delete, disable. */
package org.povertyledger.command.feed;
