/**
 * The integrator feed: ledger events as CloudEvents under stable external names, read by position for the pull
 * feed, the Server-Sent Events stream, webhook delivery and the RabbitMQ publisher.
 */
package org.povertyledger.query.feed;
