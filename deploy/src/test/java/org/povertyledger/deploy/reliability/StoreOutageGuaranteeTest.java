package org.povertyledger.deploy.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;
import org.povertyledger.deploy.ApiClient;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Guarantee 5, store outage: the service reaches its store over TCP; while four clients write and one reads, the
 * store's listener is closed (every connection dropped) and reopened on the same port and data a few seconds
 * later. During the outage every answer is a 503 problem+json naming {@code STORE_UNAVAILABLE} with Retry-After
 * (never a 500) within a bound, or a 409 {@code REQUEST_IN_PROGRESS} for a retried key whose first attempt's fate
 * is still open. The clients retry under the same key; afterwards, without restarting the service, every
 * household is registered exactly once, the ledger is gapless with a valid chain, and the read model shows them.
 */
class StoreOutageGuaranteeTest {

    private static final int WRITERS = 4;
    private static final long OUTAGE_MILLIS = 6_000;
    /** Driver server selection (3 s here) plus the time a dropped connection takes to be noticed, with margin. */
    private static final long ANSWER_BOUND_MILLIS = 15_000;

    @TempDir
    Path dataDir;

    /** What the clients saw. */
    static final class Observed {
        final AtomicLong unavailable = new AtomicLong();
        final AtomicLong inProgress = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong slowest = new AtomicLong();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final List<String> failures = new CopyOnWriteArrayList<>();

        void answered(long millis) {
            slowest.accumulateAndGet(millis, Math::max);
            if (millis > ANSWER_BOUND_MILLIS) {
                failures.add("an answer took " + millis + " ms");
            }
        }

        /** Checks a non-success answer; true when it is one the client should retry. */
        boolean retryable(ApiClient.Response response, String what) {
            if (response.status() == 503) {
                unavailable.incrementAndGet();
                String code = response.json() == null ? null : response.json().path("code").asText(null);
                if (!"STORE_UNAVAILABLE".equals(code) || response.header("Retry-After") == null
                        || !String.valueOf(response.header("Content-Type")).startsWith("application/problem+json")) {
                    failures.add(what + ": a 503 without STORE_UNAVAILABLE problem+json and Retry-After: "
                            + response.headers() + " " + response.body());
                }
                return true;
            }
            if (response.status() == 409 && response.json() != null
                    && "REQUEST_IN_PROGRESS".equals(response.json().path("code").asText())) {
                inProgress.incrementAndGet();
                return true;
            }
            failures.add(what + " answered " + response.status() + " " + response.body());
            return false;
        }
    }

    /** Registers households one after another, each retried under its own key until it is acknowledged. */
    private static void write(ApiClient api, int writer, AtomicBoolean stop, Observed observed)
            throws InterruptedException {
        for (int n = 0; !stop.get() && observed.failures.size() < 10; n++) {
            String id = "HH-SO" + writer + "-" + n;
            String key = UUID.randomUUID().toString();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                long started = System.nanoTime();
                ApiClient.Response response;
                try {
                    response = api.post("officer", "/api/households", Requests.household(id, "Buon Trieng"), key);
                } catch (IllegalStateException hang) {
                    observed.failures.add("registering " + id + " got no answer: " + hang);
                    return;
                }
                observed.answered(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                if (response.status() == 201 || response.status() == 200) {
                    observed.acknowledged.add(id);
                    break;
                }
                if (!observed.retryable(response, "registering " + id) || System.nanoTime() > giveUp) {
                    return;
                }
                observed.retries.incrementAndGet();
                Thread.sleep(250);
            }
        }
    }

    private static void read(ApiClient api, AtomicBoolean stop, Observed observed) throws InterruptedException {
        while (!stop.get()) {
            long started = System.nanoTime();
            ApiClient.Response response = api.get("auditor", "/api/households/HH-SO0-0");
            observed.answered(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            if (response.status() != 200 && response.status() != 404) {
                observed.retryable(response, "reading HH-SO0-0");
            }
            Thread.sleep(200);
        }
    }

    private static EmbeddedMongoServer reopen(Path storeDir, int port) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return EmbeddedMongoServer.start(storeDir, "127.0.0.1", port);
            } catch (RuntimeException portStillHeld) {
                if (System.nanoTime() > giveUp) {
                    throw portStillHeld;
                }
                Thread.sleep(200);
            }
        }
    }

    @Test
    void writesDuringAStoreOutageAreAnswered503AndAfterRecoveryEveryRetriedWriteIsInTheLedgerOnce()
            throws Exception {
        Path storeDir = dataDir.resolve("store");
        EmbeddedMongoServer store = EmbeddedMongoServer.start(storeDir, "127.0.0.1", 0);
        int port = store.port();
        ConfigurableApplicationContext app = null;
        try {
            app = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                    .run("--server.port=0", "--povertyledger.mongodb.uri=" + store.connectionString(),
                            "--povertyledger.data-dir=" + dataDir.resolve("app"),
                            "--povertyledger.programme.load-reference-on-start=false",
                            "--povertyledger.mongodb.server-selection-timeout=3s");
            ApiClient api = new ApiClient(((WebServerApplicationContext) app).getWebServer().getPort());
            Observed observed = new Observed();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            List<Future<?>> clients = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                clients.add(pool.submit(() -> {
                    write(api, writer, stop, observed);
                    return null;
                }));
            }
            clients.add(pool.submit(() -> {
                read(api, stop, observed);
                return null;
            }));

            await().atMost(Duration.ofSeconds(30)).until(() -> observed.acknowledged.size() >= 2 * WRITERS);
            int beforeOutage = observed.acknowledged.size();
            store.close();
            long outageStarted = System.nanoTime();
            Thread.sleep(OUTAGE_MILLIS);
            store = reopen(storeDir, port);
            long outageMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStarted);
            int atRecovery = observed.acknowledged.size();
            // Recovered without a restart: writes are acknowledged again on the same service.
            await().atMost(Duration.ofSeconds(60)).until(() -> observed.acknowledged.size() >= atRecovery + 3 * WRITERS
                    || !observed.failures.isEmpty());
            stop.set(true);
            for (Future<?> client : clients) {
                client.get(150, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(observed.failures).isEmpty();
            assertThat(beforeOutage).as("writes before the outage").isPositive();
            assertThat(observed.unavailable.get()).as("503 answers during the outage").isPositive();

            MongoDatabase database = app.getBean(MongoDatabase.class);
            LedgerAudit ledger = LedgerAudit.of(database);
            assertThat(ledger.sound()).as(ledger.toString()).isTrue();
            assertThat(ledger.duplicatedRequests()).isZero();
            Map<String, Long> registrations = new ConcurrentHashMap<>();
            for (LedgerAudit.Event event : ledger.ofType("HouseholdRegisteredEvent")) {
                registrations.merge(event.aggregateId(), 1L, Long::sum);
            }
            long duplicated = registrations.values().stream().filter(n -> n > 1).count();
            long lost = observed.acknowledged.stream().filter(id -> !registrations.containsKey(id)).count();
            assertThat(duplicated).isZero();
            assertThat(lost).isZero();
            assertThat(registrations.keySet()).as("nothing registered that no client saw acknowledged")
                    .containsExactlyInAnyOrderElementsOf(observed.acknowledged);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(database
                    .getCollection("household_view").countDocuments(Filters.in("_id", observed.acknowledged)))
                    .isEqualTo(observed.acknowledged.size()));
            for (Document view : database.getCollection("household_view").find(Filters.in("_id",
                    observed.acknowledged))) {
                assertThat(view.get("position")).as("view of %s", view.get("_id")).isNotNull();
            }

            System.out.printf("store outage: listener closed for %d ms under %d writers and 1 reader; %d writes "
                            + "acknowledged (%d before, %d after), %d answered 503, %d 409 in progress, %d retries, "
                            + "slowest answer %d ms, 0 lost, 0 duplicated, ledger %d events, chain valid%n",
                    outageMillis, WRITERS, observed.acknowledged.size(), beforeOutage,
                    observed.acknowledged.size() - atRecovery, observed.unavailable.get(), observed.inProgress.get(),
                    observed.retries.get(), observed.slowest.get(), ledger.events().size());
            GuaranteeLog.record("store outage", WRITERS + " writers + 1 reader, " + observed.acknowledged.size()
                            + " writes", "listener closed " + outageMillis / 1000 + " s", lost, duplicated,
                    observed.unavailable.get() + " x 503, slowest " + observed.slowest.get() + " ms, 0 x 500");
        } finally {
            if (app != null) {
                app.close();
            }
            store.close();
        }
    }
}
