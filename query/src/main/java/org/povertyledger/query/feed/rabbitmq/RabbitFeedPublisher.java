package org.povertyledger.query.feed.rabbitmq;

import java.util.function.Supplier;

import org.povertyledger.shared.access.UnitScope;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.povertyledger.query.feed.FeedEncoder;
import org.povertyledger.query.feed.FeedItem;
import org.povertyledger.shared.feed.FeedEventType;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes every published event's CloudEvent (structured mode, without personal fields) to a durable topic
 * exchange with the event type as routing key and the event id as {@code message-id}, and the unit (commune) of a
 * household event in the {@code unit} header. The exchange is one for the whole service; a publisher configured
 * with a scope ({@code povertyledger.feed.rabbitmq.scope}) publishes only events of its units, and which consumers
 * may bind to the exchange is the broker's own permissions' business.
 * <p>
 * It is a tracking event handler in its own processing group, so its progress is its own token in the token
 * store: after a restart it resumes from there. A processing batch is published in one go and waits for the
 * broker's confirms before the handler of the batch's last event returns; a nack or a timeout throws, the batch is
 * rolled back before its token is stored and processed again. Hence at least once: a batch interrupted after some
 * of it reached the broker is published again, and the copies share their {@code message-id}. With one segment
 * the exchange sees the events in log order.
 */
@ProcessingGroup(RabbitFeedPublisher.PROCESSING_GROUP)
public class RabbitFeedPublisher {

    public static final String PROCESSING_GROUP = "feed-rabbitmq";

    private final RabbitTemplate template;
    private final FeedEncoder encoder;
    private final String exchange;
    private final long confirmTimeoutMillis;
    private final Supplier<UnitScope> scope;
    private final String resourceKey = RabbitFeedPublisher.class.getName() + "@" + System.identityHashCode(this);

    public RabbitFeedPublisher(RabbitTemplate template, FeedEncoder encoder, String exchange,
                               long confirmTimeoutMillis) {
        this(template, encoder, exchange, confirmTimeoutMillis, UnitScope::nationalScope);
    }

    /** @param scope the units whose events this publisher may publish (asked per event: the map may grow) */
    public RabbitFeedPublisher(RabbitTemplate template, FeedEncoder encoder, String exchange,
                               long confirmTimeoutMillis, Supplier<UnitScope> scope) {
        this.scope = scope;
        this.template = template;
        this.encoder = encoder;
        this.exchange = exchange;
        this.confirmTimeoutMillis = confirmTimeoutMillis;
    }

    public String exchange() {
        return exchange;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message, TrackingToken token) {
        long position = token.position().orElseThrow();
        // The unit of every household event, published or not, keeps the unit cache going forward.
        String unit = encoder.unitOf(message);
        FeedEventType type = FeedEncoder.typeOf(message);
        FeedItem item = type == null || !inScope(unit) ? null : encoder.encode(message, type, position, unit, false);
        if (!CurrentUnitOfWork.isStarted()) {
            if (item != null) {
                publish(List.of(item));
            }
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<FeedItem> batch = root.getOrComputeResource(resourceKey, key -> {
            List<FeedItem> items = new ArrayList<>();
            // A fallback for a batch whose last event did not reach this handler.
            root.onPrepareCommit(u -> publishAndClear(items));
            return items;
        });
        if (item != null) {
            batch.add(item);
        }
        if (root instanceof BatchingUnitOfWork<?> batching && batching.isLastMessage()) {
            publishAndClear(batch);
        }
    }

    /** As for a scoped reader of the pull feed: a unit inside the scope, and no unit-less event unless national. */
    private boolean inScope(String unit) {
        UnitScope current = scope.get();
        return current.national() || (unit != null && current.covers(unit));
    }

    private void publishAndClear(List<FeedItem> items) {
        if (!items.isEmpty()) {
            publish(items);
            items.clear();
        }
    }

    /** Publishes and waits for every confirm; throws if one is missing or negative. */
    void publish(List<FeedItem> items) {
        template.invoke(operations -> {
            operations.execute(channel -> {
                channel.exchangeDeclare(exchange, "topic", true);
                return null;
            });
            for (FeedItem item : items) {
                operations.send(exchange, item.type(), message(item));
            }
            operations.waitForConfirmsOrDie(confirmTimeoutMillis);
            return null;
        });
    }

    private static Message message(FeedItem item) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(FeedEncoder.CLOUDEVENT_JSON);
        properties.setMessageId(item.eventId());
        properties.setType(item.type());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setHeader("position", item.position());
        if (item.subject() != null) {
            properties.setHeader("subject", item.subject());
        }
        if (item.unit() != null) {
            properties.setHeader("unit", item.unit());
        }
        return new Message(item.json(), properties);
    }
}
