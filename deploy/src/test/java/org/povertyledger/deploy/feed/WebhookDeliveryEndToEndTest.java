package org.povertyledger.deploy.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.deploy.feed.FeedTestEvents.Expected;
import org.povertyledger.deploy.feed.WebhookReceiver.Answer;
import org.povertyledger.deploy.feed.WebhookReceiver.Attempt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhooks end to end: subscriptions made over the API, events appended to the real ledger, delivered by the
 * dispatcher to a receiver on the loopback interface (allowed by configuration, as only tests should).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookDeliveryEndToEndTest {

    @TempDir
    static Path dataDir;

    static WebhookReceiver receiver;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
        registry.add("povertyledger.feed.webhooks.allowed-networks", () -> "127.0.0.0/8");
        registry.add("povertyledger.feed.webhooks.max-attempts", () -> "5");
        registry.add("povertyledger.feed.webhooks.initial-backoff", () -> "20ms");
        registry.add("povertyledger.feed.webhooks.max-backoff", () -> "200ms");
        registry.add("povertyledger.feed.webhooks.poll-interval", () -> "20ms");
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoLedgerStorageEngine engine;

    FeedClient api;

    @BeforeEach
    void client() {
        api = new FeedClient(port);
    }

    /** Creates a subscription to {@code path} from the current head; answers its id. */
    private String subscribe(String path, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("url", receiver.url(path));
        FeedClient.Response created = api.post("integrator", "/api/feed/subscriptions", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        receiver.secret(path, created.json().get("secret").asText());
        String id = created.json().get("subscriptionId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("integrator", "/api/feed/subscriptions/" + id)
                .status() == 200);
        return id;
    }

    private List<Expected> append(String prefix, int households) {
        synchronized (WebhookDeliveryEndToEndTest.class) {
            return new FeedTestEvents(eventStore).appendHistories(prefix, households, engine.head().position());
        }
    }

    private JsonNode subscription(String id) {
        return api.get("integrator", "/api/feed/subscriptions/" + id).json();
    }

    @Test
    void aReceiverFailingThreeTimesGetsEveryEventAcknowledgedOnceSignedAndInOrderPerHousehold() {
        String path = "/flaky";
        Map<String, Integer> failures = new HashMap<>();
        receiver.on(path, attempt -> {
            synchronized (failures) {
                int failed = failures.merge(attempt.webhookId(), 1, Integer::sum);
                // A 500, a 429 with Retry-After, a 503, then success.
                return switch (failed) {
                    case 1 -> Answer.of(500);
                    case 2 -> new Answer(429, "0");
                    case 3 -> Answer.of(503);
                    default -> Answer.of(200);
                };
            }
        });
        List<String> types = List.of("household.registered.v1", "household.assessed.v1",
                "household.status-changed.v1", "household.details-updated.v1");
        String id = subscribe(path, Map.of("types", types));
        List<Expected> events = append("HH-W", 60).stream().filter(e -> types.contains(e.type())).toList();

        await().atMost(Duration.ofMinutes(3)).until(() -> receiver.acknowledged(path).size() >= events.size());

        Map<String, Long> acks = receiver.acknowledged(path).stream()
                .collect(Collectors.groupingBy(Attempt::webhookId, Collectors.counting()));
        assertThat(acks.keySet()).isEqualTo(events.stream().map(Expected::eventId).collect(Collectors.toSet()));
        assertThat(acks.values()).as("each event acknowledged once").containsOnly(1L);
        for (Expected event : events) {
            assertThat(receiver.attemptsOf(path, event.eventId())).as("attempts of %s", event).isEqualTo(4);
        }
        assertThat(receiver.attempts(path)).allSatisfy(a -> assertThat(a.signatureValid()).isTrue());
        assertThat(receiver.attempts(path)).allSatisfy(a ->
                assertThat(a.event().get("id").asText()).isEqualTo(a.webhookId()));

        // Per household, a later event is not even tried before the earlier one was acknowledged.
        Map<String, List<Expected>> byHousehold = events.stream().collect(Collectors.groupingBy(Expected::household));
        for (List<Expected> unsorted : byHousehold.values()) {
            List<Expected> history = unsorted.stream().sorted(Comparator.comparingLong(Expected::position)).toList();
            for (int i = 1; i < history.size(); i++) {
                long ackedAt = ackSequence(path, history.get(i - 1).eventId());
                long firstTry = firstAttemptSequence(path, history.get(i).eventId());
                assertThat(firstTry).as("%s tried after %s was acknowledged", history.get(i), history.get(i - 1))
                        .isGreaterThan(ackedAt);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> subscription(id).get("deliveredThrough").asLong()
                >= events.get(events.size() - 1).position());
        assertThat(subscription(id).get("deadLetters").asInt()).isZero();
    }

    private static long ackSequence(String path, String webhookId) {
        return receiver.acknowledged(path).stream().filter(a -> a.webhookId().equals(webhookId))
                .mapToLong(Attempt::sequence).min().orElseThrow();
    }

    private static long firstAttemptSequence(String path, String webhookId) {
        return receiver.attempts(path).stream().filter(a -> a.webhookId().equals(webhookId))
                .mapToLong(Attempt::sequence).min().orElseThrow();
    }

    @Test
    void aReceiverAnswering410DisablesItsSubscriptionAndGetsNothingMore() {
        receiver.on("/gone", attempt -> Answer.of(410));
        receiver.on("/witness", attempt -> Answer.of(200));
        String gone = subscribe("/gone", Map.of());
        String witness = subscribe("/witness", Map.of());
        append("HH-G", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> subscription(gone).get("status").asText()
                .equals("DISABLED"));
        assertThat(subscription(gone).get("statusReason").asText()).contains("410");
        int triedBefore = receiver.attempts("/gone").size();

        List<Expected> more = append("HH-G2", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.acknowledged("/witness").stream()
                .anyMatch(a -> a.webhookId().equals(more.get(more.size() - 1).eventId())));
        assertThat(receiver.attempts("/gone")).hasSize(triedBefore);
        assertThat(subscription(witness).get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aDeadLetteredEventIsListedAndRedeliveredOnRequest() {
        AtomicBoolean failing = new AtomicBoolean(true);
        receiver.on("/picky", attempt -> failing.get() && attempt.event().get("subject").asText().equals("HH-D-1")
                ? Answer.of(500) : Answer.of(200));
        String id = subscribe("/picky", Map.of("types", List.of("household.registered.v1",
                "household.assessed.v1")));
        List<Expected> events = append("HH-D", 3).stream()
                .filter(e -> Set.of("household.registered.v1", "household.assessed.v1").contains(e.type())).toList();
        List<Expected> refused = events.stream().filter(e -> e.household().equals("HH-D-1")).toList();

        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("integrator",
                "/api/feed/subscriptions/" + id + "/dead-letters").json().get("items").size() == refused.size());
        JsonNode letters = api.get("integrator", "/api/feed/subscriptions/" + id + "/dead-letters").json();
        assertThat(letters.get("items").findValuesAsText("eventId"))
                .isEqualTo(refused.stream().map(Expected::eventId).toList());
        assertThat(letters.get("items").get(0).get("attempts").asInt()).isEqualTo(5);
        assertThat(letters.get("items").get(0).get("lastStatus").asInt()).isEqualTo(500);
        // The other households were delivered; and the refused household's later events after the dead letter.
        for (Expected event : events) {
            if (!event.household().equals("HH-D-1")) {
                assertThat(receiver.acknowledged("/picky")).anyMatch(a -> a.webhookId().equals(event.eventId()));
            }
        }
        assertThat(api.post("integrator", "/api/feed/subscriptions/" + id + "/dead-letters/999999/redeliver", null)
                .status()).isEqualTo(404);
        assertThat(api.post("admin", "/api/feed/subscriptions/" + id + "/dead-letters/"
                + refused.get(0).position() + "/redeliver", null).status()).isEqualTo(202);

        failing.set(false);
        FeedClient.Response all = api.post("integrator", "/api/feed/subscriptions/" + id + "/dead-letters/redeliver",
                null);
        assertThat(all.status()).as(all.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("integrator",
                "/api/feed/subscriptions/" + id + "/dead-letters").json().get("items").isEmpty());
        for (Expected event : refused) {
            assertThat(receiver.acknowledged("/picky")).anyMatch(a -> a.webhookId().equals(event.eventId()));
        }
    }

    @Test
    void refusesUrlsOnPrivateOrLinkLocalAddressesNotOnTheAllowList() {
        for (String url : List.of("http://10.0.0.7/hook", "http://169.254.169.254/latest", "http://192.168.1.2/",
                "http://[::1]:9/hook")) {
            FeedClient.Response refused = api.post("integrator", "/api/feed/subscriptions", Map.of("url", url));
            assertThat(refused.status()).as(url).isEqualTo(url.contains("::1") ? 400 : 400);
            assertThat(refused.json().get("code").asText()).isEqualTo("WEBHOOK_URL_NOT_PERMITTED");
        }
        FeedClient.Response ftp = api.post("integrator", "/api/feed/subscriptions", Map.of("url", "ftp://x.org/"));
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(api.post("officer", "/api/feed/subscriptions", Map.of("url", receiver.url("/x"))).status())
                .isEqualTo(403);
        FeedClient.Response personal = api.post("integrator", "/api/feed/subscriptions",
                Map.of("url", receiver.url("/x"), "personalData", true));
        assertThat(personal.json().get("code").asText()).isEqualTo("PERSONAL_DATA_NOT_PERMITTED");
    }

    @Test
    void anIntegratorPausesResumesAndDeletesItsOwnSubscriptionOnly() {
        String id = subscribe("/mine", Map.of());
        assertThat(api.post("admin", "/api/feed/subscriptions/" + id + "/pause", Map.of("reason", "audit"))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> subscription(id).get("status").asText().equals("PAUSED"));
        assertThat(api.post("integrator", "/api/feed/subscriptions/" + id + "/pause", null).status()).isEqualTo(409);
        assertThat(api.post("integrator", "/api/feed/subscriptions/" + id + "/resume", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> subscription(id).get("status").asText().equals("ACTIVE"));
        assertThat(api.get("integrator", "/api/feed/subscriptions").json().findValuesAsText("subscriptionId"))
                .contains(id);
        assertThat(api.get("integrator", "/api/feed/subscriptions/" + id).json().has("secret")).isFalse();
        assertThat(api.delete("integrator", "/api/feed/subscriptions/" + id).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("integrator", "/api/feed/subscriptions/" + id)
                .status() == 404);
        assertThat(api.delete("integrator", "/api/feed/subscriptions/" + id).status()).isEqualTo(404);
    }
}
