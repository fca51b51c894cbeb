/**
 * Webhook delivery: the subscriptions read model, the dispatcher that posts each subscription's events signed per
 * the Standard Webhooks spec with retries, back-off and a dead-letter list, and the queries on them.
 */
package org.povertyledger.query.feed.webhook;
