package org.povertyledger.command.personaldata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.povertyledger.command.ledger.PayloadProtection;
import org.povertyledger.shared.household.event.PersonalFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the {@link PersonalFields} of household events with the household's data key before the ledger hashes and
 * stores them, and opens them on every read. A sealed value is stored as
 * {@code {"enc":"v1","kid":"<key id>","ct":"<base64 nonce+ciphertext+tag>"}} in place of the text.
 *
 * <p>On reading, a sealed value becomes its plaintext while the key exists and {@link PersonalFields#ERASED} once
 * it is destroyed. A plain value (an event stored before encryption, or one another serializer wrote) is returned
 * as stored, unless the household was erased: then it is masked as {@link PersonalFields#ERASED} too, although its
 * bytes stay in the ledger (see docs/personal-data-and-limits.md on legacy events).
 */
public final class PersonalDataProtection implements PayloadProtection {

    static final String VERSION = "v1";
    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataProtection.class);
    private static final String META_PREFIX = "meta.";

    private final HouseholdKeyStore keys;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public PersonalDataProtection(HouseholdKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public Form seal(String payloadType, String payload, String metaData) {
        if (!PersonalFields.isHouseholdEvent(payloadType)) {
            return new Form(payload, metaData);
        }
        Parsed parsed = parse(payloadType, payload, metaData, false);
        if (parsed == null || parsed.fields.isEmpty()) {
            return new Form(payload, metaData);
        }
        return sealWith(parsed, keys.keyForWriting(parsed.householdId));
    }

    /** Parses every event first, so that the keys of all their households are read or created in one go. */
    @Override
    public List<Form> sealAll(List<Unsealed> events) {
        List<Parsed> parsed = new ArrayList<>(events.size());
        Set<String> households = new LinkedHashSet<>();
        for (Unsealed event : events) {
            Parsed one = PersonalFields.isHouseholdEvent(event.payloadType())
                    ? parse(event.payloadType(), event.payload(), event.metaData(), false) : null;
            if (one != null && one.fields.isEmpty()) {
                one = null;
            }
            parsed.add(one);
            if (one != null) {
                households.add(one.householdId);
            }
        }
        Map<String, KeyState> states = households.isEmpty() ? Map.of() : keys.keysForWriting(households);
        List<Form> sealed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Parsed one = parsed.get(i);
            Unsealed event = events.get(i);
            sealed.add(one == null ? new Form(event.payload(), event.metaData())
                    : sealWith(one, states.get(one.householdId)));
        }
        return sealed;
    }

    private Form sealWith(Parsed parsed, KeyState state) {
        for (Field field : parsed.fields) {
            JsonNode value = field.node.get(field.name);
            if (value == null || !value.isTextual()) {
                continue;
            }
            if (state.key() == null) {
                // The household was erased: personal text recorded for it from now on is not kept.
                field.node.put(field.name, PersonalFields.ERASED);
            } else {
                ObjectNode sealed = field.node.putObject(field.name);
                sealed.put("enc", VERSION);
                sealed.put("kid", state.key().kid());
                sealed.put("ct", PersonalDataCipher.seal(state.key(), parsed.householdId, field.aad(),
                        value.asText()));
            }
        }
        return parsed.write(json);
    }

    @Override
    public Form open(String payloadType, String payload, String metaData) {
        if (!PersonalFields.isHouseholdEvent(payloadType)) {
            return new Form(payload, metaData);
        }
        boolean sealed = payload.contains("\"enc\"") || (metaData != null && metaData.contains("\"enc\""));
        boolean plainPersonal = !PersonalFields.ofPayload(payloadType).isEmpty()
                || (metaData != null && metaData.contains("\"reason\""));
        if (!sealed && !plainPersonal) {
            return new Form(payload, metaData);
        }
        Parsed parsed = parse(payloadType, payload, metaData, true);
        if (parsed == null || parsed.fields.isEmpty()) {
            return new Form(payload, metaData);
        }
        KeyState state = keys.lookup(parsed.householdId);
        boolean changed = false;
        for (Field field : parsed.fields) {
            JsonNode value = field.node.get(field.name);
            if (value != null && value.isObject() && VERSION.equals(value.path("enc").asText(null))) {
                field.node.put(field.name, openValue(state, parsed.householdId, field, value));
                changed = true;
            } else if (state.erased() && value != null && value.isTextual()) {
                field.node.put(field.name, PersonalFields.ERASED);
                changed = true;
            }
        }
        return changed ? parsed.write(json) : new Form(payload, metaData);
    }

    private static String openValue(KeyState state, String householdId, Field field, JsonNode sealed) {
        DataKey key = state.key();
        if (key == null || !key.kid().equals(sealed.path("kid").asText())) {
            return PersonalFields.ERASED;
        }
        String plain = PersonalDataCipher.open(key, householdId, field.aad(), sealed.path("ct").asText());
        if (plain == null) {
            LOG.warn("A personal field of household {} does not open under its key: shown as erased", householdId);
            return PersonalFields.ERASED;
        }
        return plain;
    }

    private Parsed parse(String payloadType, String payload, String metaData, boolean includeObjects) {
        try {
            JsonNode payloadNode = json.readTree(payload);
            if (!(payloadNode instanceof ObjectNode payloadObject) || !payloadObject.path("householdId").isTextual()) {
                return null;
            }
            JsonNode metaNode = metaData == null ? null : json.readTree(metaData);
            List<Field> fields = new ArrayList<>();
            collect(payloadObject, PersonalFields.ofPayload(payloadType), "", fields, includeObjects);
            if (metaNode instanceof ObjectNode metaObject) {
                collect(metaObject, PersonalFields.METADATA, META_PREFIX, fields, includeObjects);
            }
            return new Parsed(payloadObject.get("householdId").asText(), payloadObject,
                    metaNode instanceof ObjectNode m ? m : null, metaData, fields);
        } catch (JsonProcessingException e) {
            // Not JSON (another serializer's format): left as it is, as the hash chain does.
            return null;
        }
    }

    private static void collect(ObjectNode node, Set<String> names, String prefix, List<Field> into,
                                boolean includeObjects) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && (value.isTextual() || (includeObjects && value.isObject()))) {
                into.add(new Field(node, name, prefix + name));
            }
        }
    }

    /** A personal field: the object holding it, its name there, and the name bound into the ciphertext. */
    private record Field(ObjectNode node, String name, String aad) {
    }

    private record Parsed(String householdId, ObjectNode payload, ObjectNode metaData, String rawMetaData,
                          List<Field> fields) {

        Form write(ObjectMapper json) {
            try {
                return new Form(json.writeValueAsString(payload),
                        metaData == null ? rawMetaData : json.writeValueAsString(metaData));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write event JSON", e);
            }
        }
    }
}
