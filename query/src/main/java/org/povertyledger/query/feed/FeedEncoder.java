package org.povertyledger.query.feed;

import java.net.URI;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.feed.FeedEventCatalogue;
import org.povertyledger.shared.feed.FeedEventType;

/**
 * Turns a ledger event into a CloudEvents 1.0 JSON envelope (structured mode) with the CloudEvents Java SDK:
 * {@code id} = event id, {@code source} = this ledger, {@code type} = the external name, {@code subject} = the
 * aggregate id (the household), {@code time} = recorded at, {@code dataschema} = the type's schema, and the
 * extensions {@code position} (global log position), {@code unit} (commune), {@code effectivedate} and
 * {@code legalbasis} when the event has them.
 */
public final class FeedEncoder {

    /** Media type of one structured-mode CloudEvent in JSON. */
    public static final String CLOUDEVENT_JSON = JsonFormat.CONTENT_TYPE;
    /** Media type of a JSON array of CloudEvents. */
    public static final String CLOUDEVENT_BATCH_JSON = "application/cloudevents-batch+json";

    private final URI source;
    private final String schemaBase;
    private final HouseholdUnits units;
    private final JsonFormat format = new JsonFormat();
    private final java.util.Map<String, URI> schemas = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param source the CloudEvents {@code source} of every event
     * @param schemaBase prefix of every {@code dataschema}; the type name is appended
     */
    public FeedEncoder(URI source, String schemaBase, HouseholdUnits units) {
        this.source = source;
        this.schemaBase = schemaBase;
        this.units = units;
    }

    /** The published type of a message, without deserializing its payload; {@code null} if it is not published. */
    public static FeedEventType typeOf(EventMessage<?> message) {
        return FeedEventCatalogue.byPayloadType(message.getPayloadType()).orElse(null);
    }

    /** The unit of a message (see {@link HouseholdUnits}); {@code null} when it has none. */
    public String unitOf(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> domain ? units.unitOf(domain) : null;
    }

    /**
     * The CloudEvent of a published message.
     *
     * @param personal whether personal fields are included
     */
    public FeedItem encode(EventMessage<?> message, FeedEventType type, long position, String unit,
                           boolean personal) {
        ObjectNode data = FeedEventData.of(message.getPayload(), message.getIdentifier(), personal, unit);
        String subject = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withSource(source)
                .withType(type.name())
                .withTime(message.getTimestamp().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(schemas.computeIfAbsent(type.name(), name -> URI.create(schemaBase + name)))
                .withExtension("position", position)
                .withData(JsonCloudEventData.wrap(data));
        if (subject != null) {
            builder.withSubject(subject);
        }
        if (unit != null) {
            builder.withExtension("unit", unit);
        }
        MetaData metaData = message.getMetaData();
        text(metaData, MetadataKeys.EFFECTIVE_DATE).ifPresent(v -> builder.withExtension("effectivedate", v));
        text(metaData, MetadataKeys.LEGAL_BASIS).ifPresent(v -> builder.withExtension("legalbasis", v));
        CloudEvent event = builder.build();
        return new FeedItem(position, message.getIdentifier(), type.name(), subject, unit, format.serialize(event));
    }

    private static java.util.Optional<String> text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null || value.toString().isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(value.toString());
    }
}
