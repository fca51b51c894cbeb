/** Events of webhook subscriptions; internal to the service and never published on the feed (they hold the secret). */
package org.povertyledger.shared.feed.event;
