/** Queries on webhook subscriptions and their dead-letter lists, and their views. */
package org.povertyledger.shared.feed.query;
