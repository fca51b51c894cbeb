package org.povertyledger.query.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.povertyledger.shared.feed.FeedEventCatalogue;
import org.povertyledger.shared.feed.FeedEventType;

/**
 * The published schemas: one JSON Schema (2020-12) per event type for the CloudEvent's {@code data}, kept as
 * resources next to this class, and the AsyncAPI 3.0 document built from the catalogue and those schemas, so the
 * two cannot disagree.
 */
public final class FeedSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, ObjectNode> schemas = new LinkedHashMap<>();
    private final ObjectNode asyncApi;

    /**
     * @param exchange the RabbitMQ exchange events are published to
     * @param source the CloudEvents {@code source}
     */
    public FeedSchemas(ObjectMapper json, String exchange, String source) {
        for (FeedEventType type : FeedEventCatalogue.types()) {
            String resource = "schemas/" + type.name() + ".json";
            try (InputStream in = FeedSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no schema resource for published type " + type.name());
                }
                schemas.put(type.name(), (ObjectNode) json.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema of " + type.name(), e);
            }
        }
        this.asyncApi = buildAsyncApi(exchange, source);
    }

    /** The JSON Schema of a type's data. */
    public Optional<ObjectNode> schema(String type) {
        return Optional.ofNullable(schemas.get(type)).map(ObjectNode::deepCopy);
    }

    /** The AsyncAPI 3.0 document. */
    public ObjectNode asyncApi() {
        return asyncApi.deepCopy();
    }

    private ObjectNode buildAsyncApi(String exchange, String source) {
        ObjectNode doc = NODES.objectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "PovertyLedger integrator events");
        info.put("version", "1.0.0");
        info.put("description", "Every published ledger event as a CloudEvents 1.0 JSON envelope (structured mode), "
                + "source " + source + ". The same envelope travels on the pull feed (GET /api/feed), the "
                + "Server-Sent Events stream (GET /api/feed/stream), signed webhooks (Standard Webhooks) and the "
                + "RabbitMQ topic exchange. Delivery is at least once: duplicates carry the same id. Events of one "
                + "household (subject) arrive in log order. Personal fields are present only for receivers whose "
                + "scope allows them.");
        doc.put("defaultContentType", FeedEncoder.CLOUDEVENT_JSON);

        ObjectNode servers = doc.putObject("servers");
        ObjectNode api = servers.putObject("api");
        api.put("host", "localhost:8080");
        api.put("protocol", "http");
        api.put("description", "the service itself (HTTP Basic; role INTEGRATOR or ADMIN)");
        ObjectNode broker = servers.putObject("rabbitmq");
        broker.put("host", "127.0.0.1:5672");
        broker.put("protocol", "amqp");
        broker.put("protocolVersion", "0-9-1");
        broker.put("description", "when the publisher is enabled (povertyledger.feed.rabbitmq.enabled)");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode stream = channel(channels, "feedStream", "/api/feed/stream",
                "Server-Sent Events: each message's id is the event's position, its event name the type and its data "
                        + "the CloudEvent. Reconnect with Last-Event-ID to resume exactly after it. Comments "
                        + "(': heartbeat') keep the connection alive.");
        stream.putArray("servers").addObject().put("$ref", "#/servers/api");
        ObjectNode webhook = channel(channels, "webhook", null,
                "POSTed to each subscription's URL with the Standard Webhooks headers webhook-id (the event id), "
                        + "webhook-timestamp and webhook-signature (v1, HMAC-SHA256).");
        webhook.putObject("bindings").putObject("http").put("method", "POST");
        ObjectNode rabbit = channel(channels, "exchange", exchange,
                "Topic exchange; the routing key is the event type, message-id the event id.");
        rabbit.putArray("servers").addObject().put("$ref", "#/servers/rabbitmq");
        ObjectNode amqp = rabbit.putObject("bindings").putObject("amqp");
        amqp.put("is", "routingKey");
        ObjectNode exchangeBinding = amqp.putObject("exchange");
        exchangeBinding.put("name", exchange);
        exchangeBinding.put("type", "topic");
        exchangeBinding.put("durable", true);
        exchangeBinding.put("autoDelete", false);
        amqp.put("bindingVersion", "0.3.0");

        ObjectNode operations = doc.putObject("operations");
        for (Map.Entry<String, String> op : Map.of("streamEvents", "feedStream", "deliverWebhooks", "webhook",
                "publishToExchange", "exchange").entrySet()) {
            ObjectNode operation = operations.putObject(op.getKey());
            operation.put("action", "send");
            operation.putObject("channel").put("$ref", "#/channels/" + op.getValue());
            ArrayNode messages = operation.putArray("messages");
            for (FeedEventType type : FeedEventCatalogue.types()) {
                messages.addObject().put("$ref", "#/channels/" + op.getValue() + "/messages/" + type.name());
            }
        }

        ObjectNode components = doc.putObject("components");
        ObjectNode componentSchemas = components.putObject("schemas");
        componentSchemas.set("CloudEvent", envelopeSchema());
        ObjectNode messages = components.putObject("messages");
        for (FeedEventType type : FeedEventCatalogue.types()) {
            ObjectNode data = schemas.get(type.name()).deepCopy();
            data.remove("$schema");
            data.remove("$id");
            componentSchemas.set(type.name(), data);
            ObjectNode message = messages.putObject(type.name());
            message.put("name", type.name());
            message.put("title", type.name());
            message.put("summary", type.description());
            message.put("contentType", FeedEncoder.CLOUDEVENT_JSON);
            ObjectNode payload = message.putObject("payload");
            ArrayNode allOf = payload.putArray("allOf");
            allOf.addObject().put("$ref", "#/components/schemas/CloudEvent");
            ObjectNode specific = allOf.addObject();
            specific.put("type", "object");
            ObjectNode properties = specific.putObject("properties");
            properties.putObject("type").put("const", type.name());
            properties.putObject("data").put("$ref", "#/components/schemas/" + type.name());
            if (!type.personalFields().isEmpty()) {
                message.put("description", "Personal fields " + type.personalFields()
                        + " are present only when the receiver's scope allows personal data.");
            }
        }
        for (String channelName : List.of("feedStream", "webhook", "exchange")) {
            ObjectNode channelMessages = ((ObjectNode) channels.get(channelName)).putObject("messages");
            for (FeedEventType type : FeedEventCatalogue.types()) {
                channelMessages.putObject(type.name()).put("$ref", "#/components/messages/" + type.name());
            }
        }
        return doc;
    }

    private static ObjectNode channel(ObjectNode channels, String name, String address, String description) {
        ObjectNode channel = channels.putObject(name);
        if (address == null) {
            channel.putNull("address");
        } else {
            channel.put("address", address);
        }
        channel.put("description", description);
        return channel;
    }

    private static ObjectNode envelopeSchema() {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("description", "CloudEvents 1.0 envelope with this service's extensions");
        ArrayNode required = schema.putArray("required");
        for (String field : List.of("specversion", "id", "source", "type", "time", "position", "data")) {
            required.add(field);
        }
        ObjectNode p = schema.putObject("properties");
        p.putObject("specversion").put("const", "1.0");
        p.putObject("id").put("type", "string").put("description", "the event id; duplicates share it");
        p.putObject("source").put("type", "string").put("format", "uri-reference");
        p.putObject("type").put("type", "string").put("description", "external name with version");
        p.putObject("subject").put("type", "string").put("description", "the aggregate (household) id");
        p.putObject("time").put("type", "string").put("format", "date-time")
                .put("description", "when the ledger recorded the event");
        p.putObject("datacontenttype").put("const", "application/json");
        p.putObject("dataschema").put("type", "string").put("format", "uri");
        p.putObject("position").put("type", "integer").put("minimum", 1)
                .put("description", "global, gapless position in the ledger; the cursor of every feed");
        p.putObject("unit").put("type", "string").put("description", "commune code of the household at the event");
        p.putObject("effectivedate").put("type", "string").put("format", "date")
                .put("description", "valid time: the date the fact holds from");
        p.putObject("legalbasis").put("type", "string").put("description", "the decision the change rests on");
        p.putObject("data").put("type", "object");
        return schema;
    }
}
