package org.povertyledger.deploy.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.deploy.feed.FeedTestEvents.Expected;
import org.povertyledger.shared.feed.FeedEventCatalogue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pull feed and the SSE stream over HTTP against the real application and embedded store, on more than
 * 10,000 events: paged with several limits and filters every matching position comes exactly once and in order;
 * full pages are immutable and cacheable; an SSE client dropped mid-stream and resumed with Last-Event-ID misses
 * and repeats nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedEndToEndTest {

    private static final int HOUSEHOLDS = 2_400;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
        registry.add("povertyledger.feed.sse.heartbeat", () -> "300ms");
        registry.add("povertyledger.feed.webhooks.enabled", () -> "false");
    }

    private static List<Expected> events;

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoLedgerStorageEngine engine;

    FeedClient feed;

    @BeforeEach
    void load() {
        feed = new FeedClient(port);
        if (events == null) {
            long head = engine.head().position();
            events = new FeedTestEvents(eventStore).appendHistories("HH-F", HOUSEHOLDS, head);
            assertThat(engine.head().position()).isEqualTo(head + events.size());
            assertThat(events).hasSizeGreaterThan(10_000);
            events = concat(events, List.of(erase(ERASED, "24544")));
        }
    }

    /** HH-F-13 of commune 24544 (it never moves) is erased through the API, after every appended history. */
    private static final String ERASED = "HH-F-13";

    private Expected erase(String household, String unit) {
        FeedClient.Response erased = feed.post("admin", "/api/households/" + household + "/erasure",
                Map.of("legalBasis", "13/2023/ND-CP art. 16", "requestReference", "DSR-FEED-1"));
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        long position = erased.json().get("position").asLong();
        assertThat(engine.head().position()).as("the erasure is one event").isEqualTo(position);
        return new Expected(position, erased.json().get("eventId").asText(), "household.personal-data-erased.v1",
                household, unit);
    }

    /** Pages through the whole feed following {@code next}; checks every page on the way. */
    private List<JsonNode> pageThrough(String query, int limit, boolean batch) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            FeedClient.Response page = batch
                    ? feed.get("integrator", "/api/feed?after=" + after + "&limit=" + limit + query,
                            "Accept", "application/cloudevents-batch+json")
                    : feed.get("integrator", "/api/feed?after=" + after + "&limit=" + limit + query);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            List<JsonNode> items = new ArrayList<>();
            (batch ? page.json() : page.json().get("events")).forEach(items::add);
            long next = Long.parseLong(page.header("Feed-Next"));
            boolean closed = Boolean.parseBoolean(page.header("Feed-Closed"));
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            long previous = after;
            for (JsonNode item : items) {
                long position = item.get("position").asLong();
                assertThat(position).isGreaterThan(previous).isLessThanOrEqualTo(next);
                previous = position;
            }
            if (closed) {
                assertThat(page.header("Cache-Control")).contains("immutable");
                assertThat(page.header("ETag")).doesNotStartWith("W/");
            } else {
                assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
            }
            if (!batch) {
                assertThat(page.json().get("next").asLong()).isEqualTo(next);
            }
            assertThat(page.header("Link")).contains("after=" + next);
            all.addAll(items);
            if (!closed) {
                return all;
            }
            assertThat(next).as("a closed page moves the cursor").isGreaterThan(after);
            after = next;
        }
    }

    private static void assertExactly(List<JsonNode> received, Predicate<Expected> filter) {
        List<Long> expected = events.stream().filter(filter).map(Expected::position).toList();
        List<Long> positions = received.stream().map(e -> e.get("position").asLong()).toList();
        assertThat(positions).as("every matching position exactly once, in order").isEqualTo(expected);
        Map<Long, Expected> byPosition = new HashMap<>();
        events.forEach(e -> byPosition.put(e.position(), e));
        for (JsonNode event : received) {
            Expected e = byPosition.get(event.get("position").asLong());
            assertThat(event.get("id").asText()).isEqualTo(e.eventId());
            assertThat(event.get("type").asText()).isEqualTo(e.type());
            assertThat(event.get("subject").asText()).isEqualTo(e.household());
            assertThat(event.get("unit").asText()).as("unit of %s", e).isEqualTo(e.unit());
        }
    }

    @Test
    @Order(1)
    void pagesWithSeveralLimitsAndFiltersGiveEveryMatchingPositionOnceInOrder() {
        assertExactly(pageThrough("", 1000, false), e -> true);
        assertExactly(pageThrough("", 37, true), e -> true);
        assertExactly(pageThrough("&types=household.assessed.v1", 250, false),
                e -> e.type().equals("household.assessed.v1"));
        assertExactly(pageThrough("&units=24544", 100, false), e -> e.unit().equals("24544"));
        assertExactly(pageThrough("&types=household.status-changed.v1,household.details-updated.v1"
                        + "&units=24541&units=24550", 9, true),
                e -> Set.of("household.status-changed.v1", "household.details-updated.v1").contains(e.type())
                        && Set.of("24541", "24550").contains(e.unit()));
    }

    @Test
    @Order(2)
    void aClosedPageIsImmutableAndAnsweredNotModifiedForItsETag() {
        FeedClient.Response first = feed.get("integrator", "/api/feed?after=100&limit=50");
        assertThat(first.header("Feed-Closed")).isEqualTo("true");
        String etag = first.header("ETag");
        FeedClient.Response again = feed.get("integrator", "/api/feed?after=100&limit=50", "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(feed.get("integrator", "/api/feed?after=100&limit=51", "If-None-Match", etag).status())
                .isEqualTo(200);

        long head = engine.head().position();
        FeedClient.Response last = feed.get("integrator", "/api/feed?after=" + (head - 3) + "&limit=50");
        assertThat(last.header("Feed-Closed")).isEqualTo("false");
        assertThat(last.header("ETag")).startsWith("W/");
        assertThat(last.json().get("count").asInt()).isEqualTo(3);
    }

    @Test
    @Order(3)
    void everyPublishedEventIsACloudEventWhoseDataMatchesItsServedSchema() {
        Map<String, JsonSchema> schemas = new HashMap<>();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (String type : FeedEventCatalogue.names()) {
            FeedClient.Response schema = feed.get("integrator", "/api/feed/schemas/" + type);
            assertThat(schema.status()).isEqualTo(200);
            schemas.put(type, factory.getSchema(schema.json()));
        }
        Set<String> seen = new LinkedHashSet<>();
        List<JsonNode> sample = new ArrayList<>();
        for (long after : List.of(0L, 3_000L, 5_000L, 7_300L, 9_700L)) {
            sample.addAll(FeedClient.events(feed.get("integrator", "/api/feed?after=" + after + "&limit=300").json()));
        }
        long erased = events.stream().filter(e -> e.type().equals("household.personal-data-erased.v1"))
                .findFirst().orElseThrow().position();
        JsonNode erasure = FeedClient.events(feed.get("integrator", "/api/feed?after=" + (erased - 1) + "&limit=1"
                + "&types=household.personal-data-erased.v1").json()).get(0);
        sample.add(erasure);
        assertThat(erasure.get("subject").asText()).isEqualTo(ERASED);
        assertThat(erasure.get("unit").asText()).isEqualTo("24544");
        assertThat(erasure.at("/data/communeCode").asText()).isEqualTo("24544");
        assertThat(erasure.at("/data/legalBasis").asText()).isEqualTo("13/2023/ND-CP art. 16");
        assertThat(erasure.toString()).as("no user, no request reference").doesNotContain("DSR-FEED-1")
                .doesNotContain("\"admin\"");
        for (JsonNode event : sample) {
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("source").asText()).isEqualTo("urn:povertyledger:ledger");
            assertThat(event.get("time").asText()).isNotBlank();
            if (!event.get("type").asText().equals("household.personal-data-erased.v1")) {
                assertThat(event.get("effectivedate").asText()).isEqualTo("2022-12-15");
            }
            assertThat(event.get("dataschema").asText()).endsWith(event.get("type").asText());
            String type = event.get("type").asText();
            assertThat(schemas.get(type).validate(event.get("data"))).as("%s", event).isEmpty();
            assertThat(event.get("data").has("headName")).as("no personal fields by default").isFalse();
            seen.add(type);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(FeedEventCatalogue.names());
        assertThat(feed.get("integrator", "/api/feed/types").json().size()).isEqualTo(FeedEventCatalogue.names().size());
        JsonNode asyncApi = feed.get("integrator", "/api/feed/asyncapi").json();
        assertThat(asyncApi.get("asyncapi").asText()).isEqualTo("3.0.0");
        for (String type : FeedEventCatalogue.names()) {
            assertThat(asyncApi.at("/components/messages/" + type.replace("/", "~1") + "/name").asText())
                    .isEqualTo(type);
            assertThat(asyncApi.at("/channels/exchange/messages/" + type + "/$ref").asText())
                    .isEqualTo("#/components/messages/" + type);
        }
    }

    @Test
    @Order(4)
    void personalFieldsOnlyForAScopeThatAllowsThem() {
        FeedClient.Response admin = feed.get("admin", "/api/feed?after=0&limit=5&personal=true"
                + "&types=household.registered.v1");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(FeedClient.events(admin.json()).get(0).at("/data/headName").asText()).startsWith("Head of HH-F-");

        FeedClient.Response integrator = feed.get("integrator", "/api/feed?after=0&limit=5&personal=true");
        assertThat(integrator.status()).isEqualTo(400);
        assertThat(integrator.json().get("code").asText()).isEqualTo("PERSONAL_DATA_NOT_PERMITTED");

        assertThat(feed.get("officer", "/api/feed?after=0&limit=5").status()).isEqualTo(403);
        assertThat(feed.get("auditor", "/api/feed/stream").status()).isEqualTo(403);
        FeedClient.Response unknown = feed.get("integrator", "/api/feed?types=household.deleted.v1");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("UNKNOWN_EVENT_TYPE");
        assertThat(feed.get("integrator", "/api/feed?units=2454").status()).isEqualTo(400);
        assertThat(feed.get("integrator", "/api/feed?limit=0").status()).isEqualTo(400);
        assertThat(feed.get("integrator", "/api/feed?after=-1").status()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void aLongPollAnswersWhenANewEventArrives() throws Exception {
        long head = engine.head().position();
        CompletableFuture<FeedClient.Response> waiting = CompletableFuture.supplyAsync(
                () -> feed.get("integrator", "/api/feed?after=" + head + "&wait=20"));
        Thread.sleep(300);
        List<Expected> added = new FeedTestEvents(eventStore).appendHistories("HH-LP", 1, head);
        events = concat(events, added);
        FeedClient.Response page = waiting.get();
        assertThat(page.status()).isEqualTo(200);
        assertThat(FeedClient.events(page.json())).isNotEmpty()
                .first().satisfies(e -> assertThat(e.get("position").asLong()).isEqualTo(head + 1));
    }

    @Test
    @Order(6)
    void anSseClientDroppedMidStreamResumesWithLastEventIdMissingAndRepeatingNothing() throws Exception {
        List<Long> received = new ArrayList<>();
        String lastId;
        try (FeedClient.SseConnection first = feed.stream("integrator", "/api/feed/stream?after=0", null)) {
            assertThat(first.status).isEqualTo(200);
            FeedClient.SseMessage message;
            while (received.size() < 4_321 && (message = first.next()) != null) {
                if (message.id() != null) {
                    JsonNode event = FeedClient.JSON.readTree(message.data());
                    assertThat(event.get("position").asText()).isEqualTo(message.id());
                    assertThat(event.get("type").asText()).isEqualTo(message.event());
                    received.add(Long.parseLong(message.id()));
                }
            }
            lastId = Long.toString(received.get(received.size() - 1));
        }
        long head = engine.head().position();
        try (FeedClient.SseConnection second = feed.stream("integrator", "/api/feed/stream?after=0", lastId)) {
            // New events while the client is connected arrive too.
            List<Expected> added = new FeedTestEvents(eventStore).appendHistories("HH-SSE", 40, head);
            events = concat(events, added);
            long last = added.get(added.size() - 1).position();
            boolean heartbeat = false;
            FeedClient.SseMessage message;
            while ((received.get(received.size() - 1) < last || !heartbeat) && (message = second.next()) != null) {
                if (message.comment() != null) {
                    heartbeat |= message.comment().equals("heartbeat");
                } else {
                    received.add(Long.parseLong(message.id()));
                }
            }
            assertThat(heartbeat).isTrue();
        }
        assertThat(received).isEqualTo(events.stream().map(Expected::position).toList());
    }

    @Test
    @Order(7)
    void aFilteredStreamResumesAfterItsLastEventToo() throws Exception {
        Predicate<Expected> matching = e -> e.unit().equals("24547") && e.type().equals("household.assessed.v1");
        String query = "/api/feed/stream?types=household.assessed.v1&units=24547";
        List<Long> received = new ArrayList<>();
        try (FeedClient.SseConnection first = feed.stream("integrator", query, null)) {
            FeedClient.SseMessage message;
            while (received.size() < 500 && (message = first.next()) != null) {
                if (message.id() != null) {
                    received.add(Long.parseLong(message.id()));
                }
            }
        }
        List<Long> expected = events.stream().filter(matching).map(Expected::position).toList();
        try (FeedClient.SseConnection second = feed.stream("integrator", query,
                Long.toString(received.get(received.size() - 1)))) {
            FeedClient.SseMessage message;
            while (received.size() < expected.size() && (message = second.next()) != null) {
                if (message.id() != null) {
                    received.add(Long.parseLong(message.id()));
                }
            }
        }
        assertThat(received).isEqualTo(expected);
    }

    @Test
    @Order(8)
    void anSseClientAtTheEndOfTheLogReceivesANewEventAsItArrives() throws Exception {
        long head = engine.head().position();
        try (FeedClient.SseConnection tail = feed.stream("integrator", "/api/feed/stream?after=" + head, null)) {
            assertThat(tail.status).isEqualTo(200);
            CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> {
                try {
                    FeedClient.SseMessage message;
                    while ((message = tail.next()) != null) {
                        if (message.id() != null) {
                            return Long.parseLong(message.id());
                        }
                    }
                    return -1L;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(300);
            events = concat(events, new FeedTestEvents(eventStore).appendHistories("HH-TAIL", 1, head));
            assertThat(first.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(head + 1);
        }
    }

    private static List<Expected> concat(List<Expected> a, List<Expected> b) {
        List<Expected> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
