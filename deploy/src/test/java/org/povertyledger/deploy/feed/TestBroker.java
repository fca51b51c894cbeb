package org.povertyledger.deploy.feed;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;

/** A consumer on the real broker at 127.0.0.1:5672 (guest/guest): a fresh queue bound to a test's own exchange. */
final class TestBroker implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String exchange;

    private TestBroker(Connection connection, Channel channel, String exchange) {
        this.connection = connection;
        this.channel = channel;
        this.exchange = exchange;
    }

    /** Declares the topic exchange, binds a new queue with {@code bindingKey} and consumes it. */
    static TestBroker consume(String exchange, String bindingKey, DeliverCallback onMessage) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        Connection connection = factory.newConnection();
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, bindingKey);
        channel.basicConsume(queue, true, onMessage, tag -> { });
        return new TestBroker(connection, channel, exchange);
    }

    /** Deletes the exchange and disconnects. */
    @Override
    public void close() throws Exception {
        channel.exchangeDelete(exchange);
        connection.close();
    }
}
