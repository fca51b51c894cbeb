package org.povertyledger.command.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites JSON with object keys sorted, recursively, so that the same metadata always yields the same stored
 * string whatever order the serializer emitted (Axon's {@code MetaData} is backed by a {@code HashMap}).
 * <p>
 * Only key order changes: numbers keep their exact text (decimals are read as exact {@code BigDecimal}s), strings
 * and arrays are untouched, so any JSON deserializer reads the same values back. Input that is not a single JSON
 * object or array (for example XML from another serializer) is returned unchanged; the hash chain covers the
 * stored string either way.
 */
final class CanonicalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CanonicalJson() {
    }

    static String canonicalize(String json) {
        if (json == null) {
            return null;
        }
        String trimmed = json.trim();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return json;
        }
        try {
            JsonNode tree = MAPPER.readTree(trimmed);
            return MAPPER.writeValueAsString(sorted(tree));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            it.forEachRemaining(fields::add);
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode result = MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> field : fields) {
                result.set(field.getKey(), sorted(field.getValue()));
            }
            return result;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = MAPPER.createArrayNode();
            array.forEach(element -> result.add(sorted(element)));
            return result;
        }
        return node;
    }
}
