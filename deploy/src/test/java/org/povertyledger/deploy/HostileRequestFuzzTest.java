package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Sends 10,000 hostile requests, from a fixed seed, across every endpoint the application maps (read from Spring's
 * handler mapping, so a new endpoint is covered without touching this test): malformed, truncated, oversized,
 * deeply nested and wrongly typed JSON, invalid UTF-8, wrong content types and methods, hostile path and query
 * values, no or wrong credentials and a role that may not write. None may answer 5xx, every refusal must be
 * problem+json, and no refused request may append to the ledger.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "povertyledger.demo.enabled=false",
        "povertyledger.limits.enabled=false",
        "logging.level.org.povertyledger.deploy.web=OFF"})
class HostileRequestFuzzTest {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final long SEED = 20_261_202L;
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final List<String> USERS = List.of("officer", "admin", "auditor", "integrator");
    private static final List<String> HOSTILE_VALUES = List.of("HH-1", "24541", "-1", "0", "99999999999999999999",
            "1e309", "NaN", "abc", "", " ", "null", "true'", "' OR '1'='1", "{\"$gt\":\"\"}", "$where", "[]",
            "2024-13-45", "2024-02-30T25:61:00Z", "Nguy\u1ec5n V\u0103n A", "\uD83D\uDE00\uD83D\uDE00", "%", "%%32%65",
            "<script>alert(1)</script>", "x".repeat(3000), "\u0000", "..", "a;b", "a b", "POOR,NEAR_POOR,",
            "household.registered.v1", "PT-1S", "-9223372036854775808");
    private static final List<String> QUERY_NAMES = List.of("after", "limit", "year", "unit", "unitCode", "asOf",
            "knownAt", "position", "page", "size", "types", "units", "personal", "communeCode", "status", "format",
            "level", "map", "from", "to", "kind", "reviewYear", "indicator");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    MongoLedgerStorageEngine ledger;

    @Autowired
    MongoDatabase database;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One mapped endpoint: a path pattern, its methods, whether it streams, and its body's field names. */
    private record Endpoint(String pattern, Set<RequestMethod> methods, boolean streams, List<String> fields) {

        boolean writes() {
            return methods.stream().anyMatch(m -> m != RequestMethod.GET && m != RequestMethod.HEAD);
        }
    }

    private record Sent(String method, String path, String kind, String key, int status, String contentType) {
    }

    @Test
    void tenThousandHostileRequestsGetNo5xxOnlyProblemJsonAndWriteNothing() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found in the handler mapping").hasSizeGreaterThan(30);
        long headAtStart = ledger.head().position();
        // Four clients at once: each request is generated from its own seed, so the run is the same whatever the
        // interleaving; writes are attributed to requests afterwards by the Idempotency-Key on their events.
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Sent>> futures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            int n = i;
            futures.add(clients.submit(() -> {
                Random random = new Random(SEED + n);
                return send(endpoints.get(random.nextInt(endpoints.size())), random, n);
            }));
        }
        List<Sent> sent = new ArrayList<>();
        for (Future<Sent> future : futures) {
            sent.add(future.get());
        }
        clients.shutdown();
        long headAtEnd = ledger.head().position();

        Map<String, Integer> byClass = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        Set<String> acceptedKeys = new HashSet<>();
        List<Sent> failures = new ArrayList<>();
        for (Sent request : sent) {
            byClass.merge(request.status / 100 + "xx", 1, Integer::sum);
            byKind.merge(request.kind, 1, Integer::sum);
            if (request.status >= 200 && request.status < 300) {
                acceptedKeys.add(request.key);
            }
            boolean problem = request.contentType != null && request.contentType.startsWith("application/problem+json");
            if (request.status == 0 || request.status >= 500 || (request.status >= 400 && !problem)) {
                failures.add(request);
            }
        }
        List<String> writtenKeys = idempotencyKeysAfter(headAtStart);
        long writtenByRefused = writtenKeys.stream().filter(k -> !acceptedKeys.contains(k)).count();
        System.out.printf("hostile requests: %d across %d endpoints; by status class %s; by kind %s; "
                        + "accepted %d; events written %d (by refused requests %d)%n",
                REQUESTS, endpoints.size(), byClass, byKind, acceptedKeys.size(), headAtEnd - headAtStart,
                writtenByRefused);
        assertThat(failures).as("timeouts, 5xx or errors that are not problem+json").isEmpty();
        assertThat(byClass).doesNotContainKey("5xx");
        assertThat(writtenKeys).as("every event appended carries the key of an accepted request")
                .hasSize((int) (headAtEnd - headAtStart)).allMatch(acceptedKeys::contains);
    }

    /** The Idempotency-Key metadata of every event after a position ({@code null} where an event has none). */
    private List<String> idempotencyKeysAfter(long position) throws Exception {
        List<String> keys = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Document commit : database.getCollection("events").find(Filters.gte("last", position + 1))) {
            List<Document> events = commit.getList("events", Document.class);
            for (int i = 0; i < events.size(); i++) {
                Document event = events.get(i);
                long pos = event.get("pos") instanceof Number p ? p.longValue() : ((Number) commit.get("_id")).longValue() + i;
                if (pos <= position) {
                    continue;
                }
                JsonNode meta = json.readTree(event.getString("meta"));
                keys.add(meta.path("idempotencyKey").asText(null));
            }
        }
        return keys;
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            boolean streams = info.getProducesCondition().getProducibleMediaTypes().stream()
                    .anyMatch(MediaType.TEXT_EVENT_STREAM::equals);
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    endpoints.add(new Endpoint(pattern, methods.isEmpty() ? Set.of(RequestMethod.GET) : methods,
                            streams, bodyFields(entry.getValue())));
                }
            }
        }
        // the mapping's order is a hash order: sorted, the same seed picks the same endpoints on every run
        endpoints.sort(java.util.Comparator.comparing((Endpoint e) -> e.pattern)
                .thenComparing(e -> new java.util.TreeSet<>(e.methods).toString()));
        return endpoints;
    }

    private static List<String> bodyFields(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class) && parameter.getParameterType().isRecord()) {
                List<String> names = new ArrayList<>();
                for (RecordComponent component : parameter.getParameterType().getRecordComponents()) {
                    names.add(component.getName());
                }
                return names;
            }
        }
        return List.of("householdId", "communeCode", "members", "reviewYear");
    }

    private Sent send(Endpoint endpoint, Random random, int n) throws Exception {
        String path = path(endpoint.pattern, random);
        String method = pick(random, endpoint.methods.stream().map(Enum::name).sorted().toList());
        String user = pick(random, USERS);
        String key = "fuzz-" + n;
        String contentType = "application/json";
        byte[] body = null;
        String kind;
        String authorization = basic(user, user);
        int choice = random.nextInt(endpoint.writes() ? 14 : 6);
        switch (choice) {
            case 0 -> { kind = "no-credentials"; authorization = null; }
            case 1 -> { kind = "wrong-password"; authorization = basic(user, user + "x"); }
            case 2 -> { kind = "wrong-method"; method = endpoint.writes() ? "PATCH" : pick(random, List.of("PUT", "DELETE", "PATCH")); }
            case 3, 4, 5 -> {
                kind = "hostile-query";
                path = path + query(random);
                if (endpoint.streams || endpoint.writes()) {
                    // a stream would stay open and a plausible write might be valid: ask without credentials
                    authorization = null;
                }
            }
            case 6 -> { kind = "read-only-role"; authorization = basic("auditor", "auditor"); body = wrongTypes(endpoint, random); }
            case 7 -> { kind = "no-idempotency-key"; key = null; body = wrongTypes(endpoint, random); }
            case 8 -> { kind = "malformed-json"; body = malformed(random); }
            case 9 -> { kind = "invalid-utf8"; body = invalidUtf8(endpoint, random); }
            case 10 -> { kind = "wrong-content-type"; contentType = pick(random, List.of("text/plain", "application/xml",
                    "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "image/png"));
                    body = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"
                            .getBytes(StandardCharsets.UTF_8); }
            case 11 -> { kind = "oversized"; body = ("{\"" + pick(random, endpoint.fields) + "\":\""
                    + "x".repeat(70_000 + random.nextInt(50_000)) + "\"}").getBytes(StandardCharsets.UTF_8); }
            case 12 -> { kind = "deeply-nested"; body = ("[".repeat(2_000 + random.nextInt(20_000)))
                    .getBytes(StandardCharsets.UTF_8); }
            default -> { kind = "wrong-types"; body = wrongTypes(endpoint, random); }
        }
        if (body != null && !endpoint.writes()) {
            body = null;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (key != null && !method.equals("GET")) {
            request.header("Idempotency-Key", key);
        }
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        String shown = path.length() > 200 ? path.substring(0, 200) + "..." : path;
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Sent(method, shown, kind, key, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (java.net.http.HttpTimeoutException e) {
            // status 0: counted and failed below, with the request that hung
            return new Sent(method, shown, kind + "/timeout", key, 0, null);
        }
    }

    private static String path(String pattern, Random random) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = pick(random, HOSTILE_VALUES);
            matcher.appendReplacement(path, Matcher.quoteReplacement(
                    value.isEmpty() ? "%20" : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    private static String query(Random random) {
        StringBuilder query = new StringBuilder("?");
        int params = 1 + random.nextInt(4);
        for (int p = 0; p < params; p++) {
            if (p > 0) {
                query.append('&');
            }
            query.append(pick(random, QUERY_NAMES)).append('=')
                    .append(URLEncoder.encode(pick(random, HOSTILE_VALUES), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static byte[] malformed(Random random) {
        List<String> shapes = List.of("{", "{\"a\":", "[1,2", "nul", "{\"householdId\":\"HH-1\",}", "}{", "\"unterminated",
                "{\"a\":1}}}", "{'single':'quotes'}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\" 1}", "",
                "{\"a\":tru}", "{\"a\":\"\\uZZZZ\"}");
        if (random.nextBoolean()) {
            byte[] junk = new byte[1 + random.nextInt(300)];
            for (int i = 0; i < junk.length; i++) {
                junk[i] = (byte) (32 + random.nextInt(95));
            }
            junk[0] = '{';
            junk[junk.length - 1] = ',';
            return junk;
        }
        return pick(random, shapes).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] invalidUtf8(Endpoint endpoint, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"" + pick(random, endpoint.fields) + "\":\"").getBytes(StandardCharsets.UTF_8));
        byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xE2, (byte) 0x82},
                {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0xBC}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
        out.writeBytes(invalid[random.nextInt(invalid.length)]);
        out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Every field of the request gets a value of a shape no field of this API accepts. */
    private static byte[] wrongTypes(Endpoint endpoint, Random random) {
        List<String> wrong = List.of("{\"$gt\":\"\"}", "[[1]]", "[{\"a\":[]}]", "{\"nested\":{\"deeper\":[true]}}");
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < endpoint.fields.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(endpoint.fields.get(i)).append("\":").append(pick(random, wrong));
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
