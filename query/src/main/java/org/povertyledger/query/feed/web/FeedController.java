package org.povertyledger.query.feed.web;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.povertyledger.query.consistency.ReadsLedger;
import org.povertyledger.query.feed.FeedEncoder;
import org.povertyledger.query.feed.FeedFilter;
import org.povertyledger.query.support.ScopedReads;
import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.query.feed.FeedItem;
import org.povertyledger.query.feed.FeedPage;
import org.povertyledger.query.feed.FeedReader;
import org.povertyledger.query.feed.FeedSchemas;
import org.povertyledger.query.feed.FeedSettings;
import org.povertyledger.query.feed.FeedStreams;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.feed.FeedEventCatalogue;
import org.povertyledger.shared.feed.FeedEventType;
import org.povertyledger.shared.feed.value.PersonalDataScope;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The pull feed, the Server-Sent Events stream and the published schemas.
 * <p>
 * {@code GET /api/feed?after=&limit=&types=&units=&personal=&wait=} answers the matching events after a position
 * and the cursor to continue from ({@code next}, also in the {@code Feed-Next} header and a {@code Link rel=next}).
 * A page that stopped before the end of the log ({@code closed}) is immutable: it gets a strong ETag and may be
 * cached for good. The last, open page gets a weak ETag and {@code no-cache}; with {@code wait=N} (seconds) an
 * empty open page waits for new events first (long-poll).
 */
@RestController
@RequestMapping("/api/feed")
public class FeedController {

    private static final MediaType BATCH = MediaType.parseMediaType(FeedEncoder.CLOUDEVENT_BATCH_JSON);

    private final FeedReader reader;
    private final FeedStreams streams;
    private final FeedSchemas schemas;
    private final FeedSettings settings;
    private final PersonalDataScope personalDataScope;
    private final ScopedReads scoped;

    public FeedController(FeedReader reader, FeedStreams streams, FeedSchemas schemas, FeedSettings settings,
                          PersonalDataScope personalDataScope, ScopedReads scoped) {
        this.scoped = scoped;
        this.reader = reader;
        this.streams = streams;
        this.schemas = schemas;
        this.settings = settings;
        this.personalDataScope = personalDataScope;
    }

    @ReadsLedger
    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, FeedEncoder.CLOUDEVENT_BATCH_JSON})
    public ResponseEntity<byte[]> page(@RequestParam(required = false) Long after,
                                       @RequestParam(required = false) Integer limit,
                                       @RequestParam(required = false) List<String> types,
                                       @RequestParam(required = false) List<String> units,
                                       @RequestParam(defaultValue = "false") boolean personal,
                                       @RequestParam(defaultValue = "0") int wait,
                                       @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                       @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                       String ifNoneMatch,
                                       Principal principal) throws InterruptedException {
        long from = after == null ? 0 : after;
        if (from < 0) {
            throw new ValidationException("after", "min:0", "after must be at least 0");
        }
        int size = limit == null ? settings.defaultLimit() : limit;
        if (size < 1 || size > settings.maxLimit()) {
            throw new ValidationException("limit", "range:1-" + settings.maxLimit(),
                    "limit must lie between 1 and " + settings.maxLimit());
        }
        long maxWait = settings.maxWait().toSeconds();
        if (wait < 0 || wait > maxWait) {
            throw new ValidationException("wait", "range:0-" + maxWait, "wait must lie between 0 and " + maxWait
                    + " seconds");
        }
        FeedFilter filter = scoped(FeedFilter.of(types, units), "feed.page");
        boolean withPersonal = personal(personal, principal);
        boolean batch = accept != null && accept.contains(FeedEncoder.CLOUDEVENT_BATCH_JSON);

        FeedPage page = reader.readOrWait(from, size, filter, withPersonal, settings.maxScan(), wait * 1000L);
        String etag = etag(page, size, filter, withPersonal, batch);

        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag);
        headers.add(HttpHeaders.VARY, "Accept, Authorization");
        headers.add("Feed-Next", Long.toString(page.next()));
        headers.add("Feed-Closed", Boolean.toString(page.closed()));
        headers.add(HttpHeaders.LINK, "<" + nextLink(page.next(), size, filter, withPersonal) + ">; rel=\"next\"");
        if (page.closed()) {
            headers.setCacheControl("private, max-age=31536000, immutable");
        } else {
            headers.setCacheControl("no-cache");
        }
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
        }
        long head = Math.max(reader.head(), page.next());
        headers.add("Feed-Head", Long.toString(head));
        byte[] body = batch ? batchBody(page) : objectBody(page, size, filter, head);
        return ResponseEntity.ok().headers(headers).contentType(batch ? BATCH : MediaType.APPLICATION_JSON)
                .body(body);
    }

    @ReadsLedger
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<SseEmitter> stream(@RequestParam(required = false) Long after,
                                             @RequestParam(required = false) List<String> types,
                                             @RequestParam(required = false) List<String> units,
                                             @RequestParam(defaultValue = "false") boolean personal,
                                             @RequestHeader(value = "Last-Event-ID", required = false)
                                             String lastEventId,
                                             Principal principal) {
        long from = after == null ? 0 : after;
        if (lastEventId != null && !lastEventId.isBlank()) {
            // The position of the last event received wins over the query's start.
            try {
                from = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                throw new ValidationException("Last-Event-ID", "position", "Last-Event-ID must be a position");
            }
        }
        if (from < 0) {
            throw new ValidationException("after", "min:0", "after must be at least 0");
        }
        FeedFilter filter = scoped(FeedFilter.of(types, units), "feed.stream");
        boolean withPersonal = personal(personal, principal);
        if (!streams.tryReserve()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").build();
        }
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-cache").header("X-Accel-Buffering", "no")
                .body(streams.start(from, filter, withPersonal));
    }

    /** The reader's filter confined to its scope; asking for a unit outside it is recorded (the answer is filtered). */
    private FeedFilter scoped(FeedFilter asked, String endpoint) {
        UnitScope scope = scoped.scope();
        if (!scope.national() && asked.units().stream().anyMatch(unit -> !scope.covers(unit))) {
            scoped.filtered(endpoint);
        }
        return asked.within(scope);
    }

    /** The catalogue: every published type, its version and where its schema is. */
    @GetMapping(path = "/types", produces = MediaType.APPLICATION_JSON_VALUE)
    public ArrayNode types() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (FeedEventType type : FeedEventCatalogue.types()) {
            ObjectNode entry = list.addObject();
            entry.put("type", type.name());
            entry.put("version", type.version());
            entry.put("description", type.description());
            entry.put("schema", "/api/feed/schemas/" + type.name());
            ArrayNode personal = entry.putArray("personalFields");
            type.personalFields().forEach(personal::add);
        }
        return list;
    }

    @GetMapping(path = "/schemas/{type}", produces = "application/schema+json")
    public ObjectNode schema(@PathVariable String type) {
        return schemas.schema(type).orElseThrow(() -> new DomainException(ErrorCode.UNKNOWN_EVENT_TYPE, "type",
                "known-event-type", "no published event type " + type,
                Map.of("allowed", FeedEventCatalogue.names())));
    }

    @GetMapping(path = "/asyncapi", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode asyncApi() {
        return schemas.asyncApi();
    }

    private boolean personal(boolean asked, Principal principal) {
        if (asked && (principal == null || !personalDataScope.allows(principal.getName()))) {
            throw new DomainException(ErrorCode.PERSONAL_DATA_NOT_PERMITTED, "personal", "scope:personal-data",
                    "your account may not receive personal fields");
        }
        return asked;
    }

    private static String etag(FeedPage page, int limit, FeedFilter filter, boolean personal, boolean batch) {
        String key = page.after() + "|" + limit + "|" + filter.key() + "|" + personal + "|" + batch + "|"
                + page.next() + "|" + page.items().size();
        String digest;
        try {
            digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String tag = "\"" + page.after() + "-" + page.next() + "-" + digest + "\"";
        return page.closed() ? tag : "W/" + tag;
    }

    private static String nextLink(long next, int limit, FeedFilter filter, boolean personal) {
        List<String> parameters = new ArrayList<>();
        parameters.add("after=" + next);
        parameters.add("limit=" + limit);
        if (!filter.types().isEmpty()) {
            parameters.add("types=" + encode(String.join(",", new java.util.TreeSet<>(filter.types()))));
        }
        if (!filter.units().isEmpty()) {
            parameters.add("units=" + encode(String.join(",", new java.util.TreeSet<>(filter.units()))));
        }
        if (personal) {
            parameters.add("personal=true");
        }
        return "/api/feed?" + String.join("&", parameters);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] batchBody(FeedPage page) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(page.items().size() * 700 + 2);
        out.write('[');
        appendItems(out, page.items());
        out.write(']');
        return out.toByteArray();
    }

    private static byte[] objectBody(FeedPage page, int limit, FeedFilter filter, long head) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(page.items().size() * 700 + 256);
        // Every value written here is a number, a boolean or a validated type name or commune code.
        String start = "{\"after\":" + page.after() + ",\"next\":" + page.next() + ",\"limit\":" + limit
                + ",\"closed\":" + page.closed() + ",\"head\":" + head + ",\"count\":" + page.items().size()
                + ",\"types\":" + jsonArray(filter.types()) + ",\"units\":" + jsonArray(filter.units())
                + ",\"events\":[";
        out.writeBytes(start.getBytes(StandardCharsets.UTF_8));
        appendItems(out, page.items());
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void appendItems(ByteArrayOutputStream out, List<FeedItem> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i).json());
        }
    }

    private static String jsonArray(java.util.Set<String> values) {
        List<String> quoted = new java.util.TreeSet<>(values).stream().map(v -> "\"" + v + "\"").toList();
        return "[" + String.join(",", quoted) + "]";
    }
}
