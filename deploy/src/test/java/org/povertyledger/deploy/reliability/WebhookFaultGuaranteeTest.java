package org.povertyledger.deploy.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.deploy.ApiClient;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.povertyledger.deploy.feed.WebhookReceiver;
import org.povertyledger.deploy.feed.WebhookReceiver.Answer;
import org.povertyledger.deploy.feed.WebhookReceiver.Attempt;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Guarantee 7, webhook receiver faults: five subscriptions whose receivers are slow (the first answer of each
 * event comes after the sender's timeout), erroring (500, 503, then 200), closing the connection without an answer,
 * redirecting (302) and failing for good (500). Every event reaches every receiver at least once; events of one
 * household are tried only after the earlier one was settled; retries wait at least the back-off; a receiver that
 * keeps failing gets each event {@code max-attempts} times and then a dead letter; a redirect is not followed and
 * is dead-lettered at once (the same request would be redirected again); dead letters are redelivered on request
 * once the receivers are fixed. Every request is signed: the receiver's own check and the Standard Webhooks
 * reference library for JavaScript ({@code standardwebhooks} on npm, run with node) accept every one.
 */
class WebhookFaultGuaranteeTest {

    private static final String STANDARD_WEBHOOKS_VERSION = "1.1.1";
    private static final int MAX_ATTEMPTS = 4;
    private static final long INITIAL_BACKOFF_MILLIS = 100;
    private static final int HOUSEHOLDS = 6;
    private static final List<String> TYPES = List.of("household.registered.v1", "household.assessed.v1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    /** Counts attempts per event at one receiver, so a behaviour can depend on the attempt number. */
    static final class Tries {
        private final Map<String, Integer> counts = new ConcurrentHashMap<>();

        int next(Attempt attempt) {
            return counts.merge(attempt.webhookId(), 1, Integer::sum);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void faultyReceiversGetEveryEventAtLeastOnceInOrderWithBackoffDeadLettersAndValidSignatures()
            throws Exception {
        Path verifier = installVerifier();
        try (WebhookReceiver receiver = new WebhookReceiver();
             ConfigurableApplicationContext app = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                     .run("--server.port=0", "--povertyledger.mongodb.uri=", "--povertyledger.data-dir=" + dataDir,
                             "--povertyledger.programme.load-reference-on-start=false",
                             "--povertyledger.feed.webhooks.allowed-networks=127.0.0.0/8",
                             "--povertyledger.feed.webhooks.max-attempts=" + MAX_ATTEMPTS,
                             "--povertyledger.feed.webhooks.initial-backoff=" + INITIAL_BACKOFF_MILLIS + "ms",
                             "--povertyledger.feed.webhooks.max-backoff=400ms",
                             "--povertyledger.feed.webhooks.timeout=1s",
                             "--povertyledger.feed.webhooks.poll-interval=20ms")) {
            ApiClient api = new ApiClient(((WebServerApplicationContext) app).getWebServer().getPort());
            Tries slow = new Tries();
            Tries erroring = new Tries();
            Tries closing = new Tries();
            AtomicBoolean broken = new AtomicBoolean(true);
            receiver.on("/slow", a -> {
                sleep(slow.next(a) == 1 ? 1_500 : 100);
                return Answer.of(200);
            });
            receiver.on("/erroring", a -> switch (erroring.next(a)) {
                case 1 -> Answer.of(500);
                case 2 -> Answer.of(503);
                default -> Answer.of(200);
            });
            receiver.on("/closing", a -> closing.next(a) == 1 ? Answer.CLOSE : Answer.of(204));
            receiver.on("/redirect", a -> broken.get() ? new Answer(302, null, receiver.url("/moved"))
                    : Answer.of(200));
            receiver.on("/failing", a -> broken.get() ? Answer.of(500) : Answer.of(200));
            List<String> paths = List.of("/slow", "/erroring", "/closing", "/redirect", "/failing");
            Map<String, String> subscriptions = new LinkedHashMap<>();
            Map<String, String> secrets = new HashMap<>();
            for (String path : paths) {
                ApiClient.Response created = api.post("integrator", "/api/feed/subscriptions",
                        Map.of("url", receiver.url(path), "types", TYPES));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                secrets.put(path, created.json().get("secret").asText());
                receiver.secret(path, secrets.get(path));
                subscriptions.put(path, created.json().get("subscriptionId").asText());
            }
            for (String id : subscriptions.values()) {
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        api.get("integrator", "/api/feed/subscriptions/" + id).status() == 200);
            }
            long headBefore = LedgerAudit.of(app.getBean(MongoDatabase.class)).head();
            for (int i = 0; i < HOUSEHOLDS; i++) {
                String household = "HH-WF" + i;
                assertThat(api.post("officer", "/api/households", Requests.household(household, "Buon Jun"))
                        .status()).isEqualTo(201);
                assertThat(api.post("officer", "/api/households/" + household + "/assessments",
                        Requests.assessment(2024, 1_000_000 + i * 300_000L, Requests.THREE_DEPRIVATIONS)).status())
                        .isEqualTo(201);
            }
            List<LedgerAudit.Event> expected = LedgerAudit.of(app.getBean(MongoDatabase.class)).events().stream()
                    .filter(e -> e.position() > headBefore)
                    .filter(e -> e.is("HouseholdRegisteredEvent") || e.is("AssessmentRecordedEvent")).toList();
            Set<String> expectedIds = expected.stream().map(LedgerAudit.Event::eventId).collect(Collectors.toSet());
            assertThat(expected).hasSize(2 * HOUSEHOLDS);

            // The receivers that recover get everything; the others end with every event dead-lettered.
            for (String path : List.of("/slow", "/erroring", "/closing")) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(acknowledgedIds(receiver, path))
                        .as(path).containsAll(expectedIds));
            }
            for (String path : List.of("/redirect", "/failing")) {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(deadLetters(api,
                        subscriptions.get(path)).size()).as(path).isEqualTo(expected.size()));
            }
            for (JsonNode letter : deadLetters(api, subscriptions.get("/failing"))) {
                assertThat(letter.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
                assertThat(letter.get("lastStatus").asInt()).isEqualTo(500);
            }
            for (JsonNode letter : deadLetters(api, subscriptions.get("/redirect"))) {
                assertThat(letter.get("attempts").asInt()).as("a redirect is not retried").isEqualTo(1);
                assertThat(letter.get("lastStatus").asInt()).isEqualTo(302);
            }
            assertThat(receiver.attempts("/moved")).as("redirects are not followed").isEmpty();
            for (String id : expectedIds) {
                assertThat(receiver.attemptsOf("/failing", id)).isEqualTo(MAX_ATTEMPTS);
                assertThat(receiver.attemptsOf("/erroring", id)).isEqualTo(3);
                assertThat(receiver.attemptsOf("/closing", id)).isEqualTo(2);
                assertThat(receiver.attemptsOf("/slow", id)).isGreaterThanOrEqualTo(2);
            }
            long shortestGap = assertBackoff(receiver, List.of("/erroring", "/failing"));
            for (String path : List.of("/slow", "/erroring", "/closing", "/failing")) {
                assertPerHouseholdOrder(receiver, path, expected);
            }

            broken.set(false);
            for (String path : List.of("/redirect", "/failing")) {
                ApiClient.Response redeliver = api.post("integrator", "/api/feed/subscriptions/"
                        + subscriptions.get(path) + "/dead-letters/redeliver", null);
                assertThat(redeliver.status()).as(redeliver.body()).isEqualTo(202);
            }
            for (String path : List.of("/redirect", "/failing")) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(acknowledgedIds(receiver, path)).as(path).containsAll(expectedIds);
                    assertThat(deadLetters(api, subscriptions.get(path))).isEmpty();
                });
            }

            List<Attempt> all = paths.stream().flatMap(p -> receiver.attempts(p).stream()).toList();
            assertThat(all).allSatisfy(a -> assertThat(a.signatureValid()).as("signature of %s", a.webhookId())
                    .isTrue());
            JsonNode independent = verifyWithStandardWebhooks(verifier, all, secrets);
            assertThat(independent.get("refused")).as("refused by standardwebhooks").isEmpty();
            assertThat(independent.get("accepted").asInt()).isEqualTo(all.size());

            long lost = 0;
            long redelivered = 0;
            for (String path : paths) {
                Set<String> acked = acknowledgedIds(receiver, path);
                lost += expectedIds.stream().filter(id -> !acked.contains(id)).count();
                Map<String, Long> acks = receiver.acknowledged(path).stream()
                        .collect(Collectors.groupingBy(Attempt::webhookId, Collectors.counting()));
                redelivered += acks.values().stream().filter(n -> n > 1).count();
            }
            long faults = all.stream().filter(a -> a.answered() < 200 || a.answered() >= 300).count()
                    + expected.size(); // the slow receiver's late answers, which the sender had given up on
            System.out.printf("webhook receiver faults: %d events x %d receivers, %d requests, %d faults (timeouts, "
                            + "5xx, closed connections, redirects), %d dead letters redelivered, shortest retry gap "
                            + "%d ms (initial back-off %d ms), lost 0, events acknowledged twice %d (recognised by "
                            + "webhook-id), signatures accepted by standardwebhooks %s: %d/%d%n", expected.size(),
                    paths.size(), all.size(), faults, 2L * expected.size(), shortestGap, INITIAL_BACKOFF_MILLIS,
                    redelivered, STANDARD_WEBHOOKS_VERSION, independent.get("accepted").asInt(), all.size());
            GuaranteeLog.record("webhook receiver faults", expected.size() + " events x " + paths.size()
                            + " receivers, " + all.size() + " requests", faults + " timeouts/5xx/closes/302s", lost,
                    0, independent.get("accepted").asInt() + "/" + all.size() + " signatures valid (standardwebhooks)");
            assertThat(lost).isZero();
        }
    }

    private static Set<String> acknowledgedIds(WebhookReceiver receiver, String path) {
        return receiver.acknowledged(path).stream().map(Attempt::webhookId).collect(Collectors.toSet());
    }

    private static JsonNode deadLetters(ApiClient api, String subscription) {
        return api.get("integrator", "/api/feed/subscriptions/" + subscription + "/dead-letters").json().get("items");
    }

    /** Consecutive attempts of one event are at least half the back-off apart (the jitter's lower bound). */
    private static long assertBackoff(WebhookReceiver receiver, List<String> paths) {
        long shortest = Long.MAX_VALUE;
        for (String path : paths) {
            Map<String, List<Attempt>> byEvent = receiver.attempts(path).stream()
                    .collect(Collectors.groupingBy(Attempt::webhookId));
            for (List<Attempt> attempts : byEvent.values()) {
                List<Attempt> inOrder = attempts.stream().sorted(Comparator.comparingLong(Attempt::receivedAtNanos))
                        .toList();
                long backoff = INITIAL_BACKOFF_MILLIS;
                for (int i = 1; i < inOrder.size(); i++) {
                    long gap = TimeUnit.NANOSECONDS.toMillis(inOrder.get(i).receivedAtNanos()
                            - inOrder.get(i - 1).receivedAtNanos());
                    assertThat(gap).as("%s attempt %d of %s", path, i + 1, inOrder.get(i).webhookId())
                            .isGreaterThanOrEqualTo(backoff / 2);
                    shortest = Math.min(shortest, gap);
                    backoff = Math.min(backoff * 2, 400);
                }
            }
        }
        return shortest;
    }

    /** A later event of a household is first tried only after the last attempt at the earlier one. */
    private static void assertPerHouseholdOrder(WebhookReceiver receiver, String path,
                                                List<LedgerAudit.Event> expected) {
        Map<String, List<LedgerAudit.Event>> byHousehold = expected.stream()
                .collect(Collectors.groupingBy(LedgerAudit.Event::aggregateId));
        List<Attempt> attempts = receiver.attempts(path);
        for (List<LedgerAudit.Event> history : byHousehold.values()) {
            List<LedgerAudit.Event> inOrder = history.stream()
                    .sorted(Comparator.comparingLong(LedgerAudit.Event::position)).toList();
            for (int i = 1; i < inOrder.size(); i++) {
                String earlier = inOrder.get(i - 1).eventId();
                String later = inOrder.get(i).eventId();
                long lastOfEarlier = attempts.stream().filter(a -> a.webhookId().equals(earlier))
                        .mapToLong(Attempt::receivedAtNanos).max().orElseThrow();
                long firstOfLater = attempts.stream().filter(a -> a.webhookId().equals(later))
                        .mapToLong(Attempt::receivedAtNanos).min().orElseThrow();
                assertThat(firstOfLater).as("%s: %s tried after %s", path, later, earlier)
                        .isGreaterThan(lastOfEarlier);
            }
        }
    }

    /** Installs the reference library under target (once per build directory) and answers the script's path. */
    private static Path installVerifier() throws IOException, InterruptedException {
        Path dir = Path.of("target", "standardwebhooks-" + STANDARD_WEBHOOKS_VERSION).toAbsolutePath();
        if (!Files.exists(dir.resolve("node_modules/standardwebhooks/package.json"))) {
            Files.createDirectories(dir);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(),
                    "standardwebhooks@" + STANDARD_WEBHOOKS_VERSION)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("npm-install.log").toFile()).start();
            assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm install finished").isTrue();
            assertThat(npm.exitValue()).as("npm install of standardwebhooks, see " + dir.resolve("npm-install.log"))
                    .isZero();
        }
        Path script = dir.resolve("verify-webhooks.js");
        try (var in = WebhookFaultGuaranteeTest.class.getResourceAsStream("/reliability/verify-webhooks.js")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    private static JsonNode verifyWithStandardWebhooks(Path script, List<Attempt> attempts,
                                                       Map<String, String> secrets)
            throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (Attempt attempt : attempts) {
            Map<String, String> delivery = new LinkedHashMap<>();
            delivery.put("secret", secrets.get(attempt.path()));
            delivery.put("id", attempt.webhookId());
            delivery.put("timestamp", attempt.timestamp());
            delivery.put("signature", attempt.signature());
            delivery.put("body", attempt.body());
            lines.add(JSON.writeValueAsString(delivery));
        }
        Path input = script.resolveSibling("deliveries.jsonl");
        Files.write(input, lines, StandardCharsets.UTF_8);
        Path output = script.resolveSibling("verified.json");
        Process node = new ProcessBuilder("node", script.toString(), input.toString())
                .directory(script.getParent().toFile())
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isZero();
        return JSON.readTree(Files.readString(output));
    }
}
