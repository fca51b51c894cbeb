/** The optional RabbitMQ publisher: every published event's CloudEvent to a topic exchange, with confirms. */
package org.povertyledger.query.feed.rabbitmq;
