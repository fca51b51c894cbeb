package org.povertyledger.query.feed.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.povertyledger.query.feed.FeedEncoder;
import org.povertyledger.query.feed.FeedFilter;
import org.povertyledger.query.feed.FeedItem;
import org.povertyledger.query.feed.FeedPage;
import org.povertyledger.query.feed.FeedReader;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.feed.command.DisableWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.value.SubscriptionId;
import org.povertyledger.shared.feed.value.WebhookAddressRule;
import org.povertyledger.shared.feed.value.WebhookSecret;
import org.povertyledger.shared.feed.value.WebhookUrl;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers every active subscription's events to its URL, at least once, in order per household.
 *
 * <h2>How</h2>
 * One thread owns all state; HTTP requests run asynchronously and hand their outcome back to it. Per subscription
 * it reads ahead of its cursor up to {@link DeliverySettings#window()} matching events and posts those whose
 * household has no earlier event still unsettled, up to {@link DeliverySettings#concurrency()} at a time. An event
 * is settled when the receiver accepted it (2xx) or it was dead-lettered (after the last retry, or at once for an
 * answer a retry cannot change). The cursor is the position below the first unsettled event; it is stored in
 * {@link WebhookDeliveryStore}, after the dead letters, so that a restart resumes from it and at worst delivers
 * again what was accepted after it was last stored (receivers recognise duplicates by {@code webhook-id}).
 *
 * <h2>Requests</h2>
 * Structured-mode CloudEvent bodies with the Standard Webhooks headers {@code webhook-id} (the event id, the same
 * on every attempt), {@code webhook-timestamp} and {@code webhook-signature}. Redirects are not followed. The
 * URL's host is resolved and checked against {@link WebhookAddressRule} before every attempt; a refused address
 * disables the subscription. A 410 disables it too, by a command, so that the disabling is itself an event.
 *
 * <h2>Limits</h2>
 * Meant to run on one node: two nodes with the dispatcher on would both deliver everything (still at least once,
 * but twice as often). Retry state of events in flight is kept in memory; after a restart their attempts count
 * from one again.
 */
public final class WebhookDispatcher implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final long REFRESH_MILLIS = 250;
    private static final long CURSOR_SAVE_MILLIS = 200;

    private final MongoCollection<Document> subscriptions;
    private final WebhookDeliveryStore store;
    private final FeedReader reader;
    private final CommandGateway commands;
    private final WebhookAddressRule addressRule;
    private final DeliverySettings settings;
    private final HttpClient http;
    private final ExecutorService httpThreads;
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final Map<String, Worker> workers = new HashMap<>();
    /** Subscriptions this node disabled, with the read model position they had then: not restarted until it moves. */
    private final Map<String, Long> disabledHere = new HashMap<>();
    private final AtomicInteger delivered = new AtomicInteger();
    private final DeliveryMetrics metrics;
    private volatile boolean running;
    private Thread thread;

    /** @param meterRegistry where delivery outcomes are counted; {@code null} counts nothing */
    public WebhookDispatcher(MongoDatabase database, WebhookDeliveryStore store, FeedReader reader,
                             CommandGateway commands, WebhookAddressRule addressRule, DeliverySettings settings,
                             MeterRegistry meterRegistry) {
        this.metrics = new DeliveryMetrics(meterRegistry);
        this.subscriptions = database.getCollection(WebhookSubscriptionDocument.COLLECTION);
        this.store = store;
        this.reader = reader;
        this.commands = commands;
        this.addressRule = addressRule;
        this.settings = settings;
        AtomicInteger counter = new AtomicInteger();
        this.httpThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-http-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .executor(httpThreads).build();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "webhook-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /** Events accepted by receivers since start (for the benchmark and metrics). */
    public int deliveredCount() {
        return delivered.get();
    }

    /** Starts after everything else and stops before. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        httpThreads.shutdownNow();
    }

    private void loop() {
        long nextRefresh = 0;
        while (running) {
            try {
                long now = System.currentTimeMillis();
                if (now >= nextRefresh) {
                    refresh();
                    nextRefresh = now + REFRESH_MILLIS;
                }
                if (!workers.isEmpty()) {
                    // The head is read at most once per round, and only when a worker wants to read ahead.
                    long[] head = {-1};
                    LongSupplier headOnce = () -> head[0] >= 0 ? head[0] : (head[0] = reader.head());
                    for (Worker worker : new ArrayList<>(workers.values())) {
                        worker.step(headOnce, System.currentTimeMillis());
                    }
                }
                Runnable completion = inbox.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                while (completion != null) {
                    completion.run();
                    completion = inbox.poll();
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                log.warn("webhook dispatcher step failed; retrying", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
        for (Worker worker : workers.values()) {
            try {
                worker.persist(true);
            } catch (RuntimeException e) {
                log.warn("could not store the state of subscription {} on shutdown", worker.id, e);
            }
        }
    }

    /** Starts and stops workers as subscriptions change, and takes on redelivery requests. */
    private void refresh() {
        Map<String, WebhookSubscriptionDocument> current = new HashMap<>();
        for (Document document : subscriptions.find()) {
            WebhookSubscriptionDocument subscription = WebhookSubscriptionDocument.from(document);
            current.put(subscription.id(), subscription);
        }
        for (Iterator<Map.Entry<String, Worker>> it = workers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Worker> entry = it.next();
            WebhookSubscriptionDocument subscription = current.get(entry.getKey());
            if (subscription == null || !WebhookSubscriptionDocument.ACTIVE.equals(subscription.status())) {
                entry.getValue().stop();
                it.remove();
            }
        }
        for (WebhookSubscriptionDocument subscription : current.values()) {
            Long disabledAt = disabledHere.get(subscription.id());
            if (disabledAt != null && subscription.position() <= disabledAt) {
                continue;
            }
            disabledHere.remove(subscription.id());
            if (WebhookSubscriptionDocument.ACTIVE.equals(subscription.status())
                    && !workers.containsKey(subscription.id())) {
                workers.put(subscription.id(), new Worker(subscription));
            }
        }
        for (WebhookDeliveryStore.Redelivery request : store.redeliveryRequests()) {
            Worker worker = workers.get(request.subscriptionId());
            WebhookSubscriptionDocument subscription = current.get(request.subscriptionId());
            if (worker != null) {
                worker.redeliver(request.position(), System.currentTimeMillis());
                store.redeliveryTaken(request);
            } else if (subscription == null || WebhookSubscriptionDocument.DELETED.equals(subscription.status())) {
                store.redeliveryTaken(request);
            }
            // Paused or disabled: the request waits until the subscription is active again.
        }
    }

    /** One event on its way to one subscription. */
    private static final class Delivery {
        final FeedItem item;
        final boolean redelivery;
        int attempts;
        long nextAttemptAt;
        boolean inFlight;
        int lastStatus;
        String lastError;

        Delivery(FeedItem item, boolean redelivery, long now) {
            this.item = item;
            this.redelivery = redelivery;
            this.nextAttemptAt = now;
        }

        /** Events of one household are delivered in order; events without a subject are independent. */
        String orderingKey() {
            return item.subject() == null ? "#" + item.position() : item.subject();
        }
    }

    /** The delivery state of one active subscription; touched only by the dispatcher thread. */
    private final class Worker {
        final String id;
        final WebhookSubscriptionDocument subscription;
        final WebhookUrl url;
        final byte[] key;
        final FeedFilter filter;
        final TreeMap<Long, Delivery> window = new TreeMap<>();
        final List<Delivery> redeliveries = new ArrayList<>();
        final TreeMap<Long, DeadLetter> deadLetters;
        long scanned;
        long savedCursor;
        long lastSave;
        int inFlight;
        boolean deadLettersChanged;
        boolean stopped;

        Worker(WebhookSubscriptionDocument subscription) {
            this.id = subscription.id();
            this.subscription = subscription;
            this.url = new WebhookUrl(subscription.url());
            this.key = new WebhookSecret(subscription.secret()).key();
            this.filter = subscription.filter();
            long cursor = store.cursor(id);
            this.scanned = cursor < 0 ? subscription.startAfter() : cursor;
            this.savedCursor = cursor;
            this.deadLetters = store.deadLetters(id);
        }

        long cursor() {
            return window.isEmpty() ? scanned : window.firstKey() - 1;
        }

        void step(LongSupplier head, long now) {
            if (stopped) {
                return;
            }
            // Read ahead in chunks: refilling a slot at a time would read the store once per delivered event.
            if (window.size() <= settings.window() / 2 && scanned < head.getAsLong()) {
                FeedPage page = reader.read(scanned, settings.window() - window.size(), filter,
                        subscription.personalData(), Math.max(1000, settings.window() * 10));
                for (FeedItem item : page.items()) {
                    window.put(item.position(), new Delivery(item, false, now));
                }
                scanned = page.next();
            }
            Set<String> earlierUnsettled = new HashSet<>();
            for (Delivery delivery : window.values()) {
                if (inFlight >= settings.concurrency() || stopped) {
                    break;
                }
                if (!earlierUnsettled.add(delivery.orderingKey())) {
                    continue;
                }
                if (!delivery.inFlight && delivery.nextAttemptAt <= now) {
                    send(delivery, now);
                }
            }
            for (Delivery delivery : new ArrayList<>(redeliveries)) {
                if (inFlight >= settings.concurrency() || stopped) {
                    break;
                }
                if (!delivery.inFlight && delivery.nextAttemptAt <= now) {
                    send(delivery, now);
                }
            }
            persist(false);
        }

        /** Dead letters first, then the cursor, so a crash in between only delivers an event again. */
        void persist(boolean force) {
            if (deadLettersChanged) {
                store.saveDeadLetters(id, deadLetters);
                deadLettersChanged = false;
            }
            long cursor = cursor();
            long now = System.currentTimeMillis();
            if (cursor != savedCursor && (force || window.isEmpty() || now - lastSave >= CURSOR_SAVE_MILLIS)) {
                store.saveCursor(id, cursor);
                savedCursor = cursor;
                lastSave = now;
            }
        }

        void redeliver(long position, long now) {
            if (!deadLetters.containsKey(position)
                    || redeliveries.stream().anyMatch(d -> d.item.position() == position)) {
                return;
            }
            FeedPage page = reader.read(position - 1, 1, FeedFilter.all(), subscription.personalData(), 1);
            if (page.items().isEmpty() || page.items().get(0).position() != position) {
                log.warn("subscription {}: dead letter at position {} is not a published event; dropped", id,
                        position);
                deadLetters.remove(position);
                deadLettersChanged = true;
                return;
            }
            redeliveries.add(new Delivery(page.items().get(0), true, now));
        }

        void send(Delivery delivery, long now) {
            try {
                addressRule.requirePermitted(url);
            } catch (DomainException refused) {
                disable(refused.getMessage(), delivery.item.position());
                return;
            }
            long timestamp = now / 1000;
            String signature = WebhookSigner.sign(key, delivery.item.eventId(), timestamp, delivery.item.json());
            HttpRequest request = HttpRequest.newBuilder(url.uri())
                    .timeout(settings.timeout())
                    .header("Content-Type", FeedEncoder.CLOUDEVENT_JSON)
                    .header("User-Agent", "PovertyLedger-Webhooks/1")
                    .header("webhook-id", delivery.item.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.item.json()))
                    .build();
            delivery.inFlight = true;
            delivery.attempts++;
            inFlight++;
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) ->
                    inbox.add(() -> completed(delivery, response, error)));
        }

        void completed(Delivery delivery, HttpResponse<Void> response, Throwable error) {
            if (stopped || workers.get(id) != this) {
                return;
            }
            delivery.inFlight = false;
            inFlight--;
            long now = System.currentTimeMillis();
            int status = response == null ? 0 : response.statusCode();
            delivery.lastStatus = status;
            delivery.lastError = error == null ? (status == 0 ? null : "HTTP " + status) : error.toString();
            RetryPolicy.Outcome outcome = RetryPolicy.classify(status);
            metrics.outcome(outcome, delivery.attempts >= settings.retry().maxAttempts());
            switch (outcome) {
                case DELIVERED -> {
                    delivered.incrementAndGet();
                    settle(delivery);
                    if (delivery.redelivery) {
                        deadLetters.remove(delivery.item.position());
                        deadLettersChanged = true;
                    }
                }
                case GONE -> disable("the receiver answered 410 Gone", delivery.item.position());
                case RETRY -> {
                    if (delivery.attempts >= settings.retry().maxAttempts()) {
                        deadLetter(delivery, now);
                    } else {
                        Duration retryAfter = response == null ? null : RetryPolicy.parseRetryAfter(
                                response.headers().firstValue("Retry-After").orElse(null), Instant.now());
                        delivery.nextAttemptAt = now + settings.retry().delayAfter(delivery.attempts, retryAfter)
                                .toMillis();
                    }
                }
                case DEAD_LETTER -> deadLetter(delivery, now);
            }
            if (!stopped) {
                persist(false);
            }
        }

        void settle(Delivery delivery) {
            if (delivery.redelivery) {
                redeliveries.remove(delivery);
            } else {
                window.remove(delivery.item.position());
            }
        }

        void deadLetter(Delivery delivery, long now) {
            settle(delivery);
            FeedItem item = delivery.item;
            deadLetters.put(item.position(), new DeadLetter(item.position(), item.eventId(), item.type(),
                    item.subject(), delivery.attempts, delivery.lastStatus, delivery.lastError,
                    Instant.ofEpochMilli(now)));
            deadLettersChanged = true;
            log.info("subscription {}: event at position {} dead-lettered after {} attempts ({})", id,
                    item.position(), delivery.attempts, delivery.lastError);
            if (deadLetters.size() >= settings.maxDeadLetters()) {
                disable("its dead-letter list is full (" + deadLetters.size() + " events)", item.position());
            }
        }

        /** Stops this worker now and records the disabling as an event; the read model follows. */
        void disable(String reason, long position) {
            log.warn("subscription {} disabled at position {}: {}", id, position, reason);
            stop();
            workers.remove(id);
            disabledHere.put(id, subscription.position());
            commands.send(new DisableWebhookSubscriptionCommand(new SubscriptionId(id), reason, position))
                    .whenComplete((result, failure) -> {
                        if (failure != null) {
                            log.warn("could not record the disabling of subscription {}", id, failure);
                        }
                    });
        }

        void stop() {
            if (!stopped) {
                persist(true);
                stopped = true;
            }
        }
    }
}
