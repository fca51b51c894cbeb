package org.povertyledger.command.ledger.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes the ledger export: newline-delimited JSON, UTF-8, one object per line.
 * <pre>
 * {"format":"povertyledger-export/1","from":1,"to":N,"previousHash":"00..","exportedAt":"..."}
 * {"pos":1,"id":"..","aggType":"..","aggId":"..","seq":0,"type":"..","rev":null,"ts":"..","payload":"..","meta":"..","hash":"..","prev":"00.."}
 * ...
 * {"end":true,"events":N}
 * </pre>
 * Event lines carry every field exactly as stored and hashed ({@code payload} and {@code meta} are the stored JSON
 * strings, not re-encoded objects), the stored hash and the hash of the line before ({@code prev}); the header's
 * {@code previousHash} is the chain hash at {@code from - 1}. The trailer tells a complete export from a cut one.
 * The writer streams: it holds one event at a time.
 */
public final class LedgerExport {

    public static final String FORMAT = "povertyledger-export/1";
    /** Event fields in line order, named as stored; {@code prev} follows them. */
    public static final List<String> EVENT_FIELDS =
            List.of("pos", "id", "aggType", "aggId", "seq", "type", "rev", "ts", "payload", "meta", "hash");
    public static final String PREV = "prev";

    private static final JsonFactory JSON = new JsonFactory();

    private final OutputStream out;
    private String previous;
    private long events;

    private LedgerExport(OutputStream out, String previousHash) {
        this.out = out;
        this.previous = previousHash;
    }

    /** Starts an export of positions {@code from..to} and writes its header. */
    public static LedgerExport start(OutputStream out, long from, Long to, String previousHash, String exportedAt)
            throws IOException {
        LedgerExport export = new LedgerExport(out, previousHash);
        try (JsonGenerator json = export.line()) {
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeNumberField("from", from);
            if (to == null) {
                json.writeNullField("to");
            } else {
                json.writeNumberField("to", to);
            }
            json.writeStringField("previousHash", previousHash);
            json.writeStringField("exportedAt", exportedAt);
            json.writeEndObject();
        }
        export.newline();
        return export;
    }

    /** Writes one stored event (a map with the {@link #EVENT_FIELDS}); values are written as they are. */
    public void event(Map<String, ?> event) throws IOException {
        try (JsonGenerator json = line()) {
            json.writeStartObject();
            for (String field : EVENT_FIELDS) {
                json.writeFieldName(field);
                Object value = event.get(field);
                if (value == null) {
                    json.writeNull();
                } else if (value instanceof Long || value instanceof Integer) {
                    json.writeNumber(((Number) value).longValue());
                } else {
                    json.writeString(value.toString());
                }
            }
            json.writeStringField(PREV, previous);
            json.writeEndObject();
        }
        newline();
        Object hash = event.get("hash");
        previous = hash == null ? null : hash.toString();
        events++;
    }

    public long events() {
        return events;
    }

    /** Writes the trailer; only call it when every event was written, so that a cut export shows as cut. */
    public void finish() throws IOException {
        try (JsonGenerator json = line()) {
            json.writeStartObject();
            json.writeBooleanField("end", true);
            json.writeNumberField("events", events);
            json.writeEndObject();
        }
        newline();
        out.flush();
    }

    private JsonGenerator line() throws IOException {
        return JSON.createGenerator(out, JsonEncoding.UTF8).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private void newline() throws IOException {
        out.write('\n');
    }
}
