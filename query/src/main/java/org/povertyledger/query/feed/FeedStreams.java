package org.povertyledger.query.feed;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Serves Server-Sent Events streams, one thread each (bounded by {@link FeedSettings#maxStreams()}). Every message's
 * {@code id} is the event's position, so a client reconnecting with {@code Last-Event-ID} resumes exactly after the
 * last event it received. An idle stream sends a heartbeat comment, which is also how a vanished client is noticed.
 */
public final class FeedStreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedStreams.class);

    private final FeedReader reader;
    private final FeedSettings settings;
    private final Semaphore slots;
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService threads;

    public FeedStreams(FeedReader reader, FeedSettings settings) {
        this.reader = reader;
        this.settings = settings;
        this.slots = new Semaphore(settings.maxStreams());
        AtomicInteger counter = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "feed-stream-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether another stream can be opened now; the caller must {@link #start} it then. */
    public boolean tryReserve() {
        return slots.tryAcquire();
    }

    /** Number of streams being served. */
    public int openStreams() {
        return open.get();
    }

    /** Streams events after {@code after} into the emitter until the client goes, or the maximum duration ends. */
    public SseEmitter start(long after, FeedFilter filter, boolean personal) {
        SseEmitter emitter = new SseEmitter(settings.maxStreamDuration().toMillis() + 60_000);
        AtomicBoolean closed = new AtomicBoolean();
        emitter.onCompletion(() -> closed.set(true));
        emitter.onTimeout(() -> closed.set(true));
        emitter.onError(e -> closed.set(true));
        open.incrementAndGet();
        threads.execute(() -> {
            try {
                run(emitter, closed, after, filter, personal);
            } finally {
                open.decrementAndGet();
                slots.release();
            }
        });
        return emitter;
    }

    private void run(SseEmitter emitter, AtomicBoolean closed, long after, FeedFilter filter, boolean personal) {
        long deadline = System.nanoTime() + settings.maxStreamDuration().toNanos();
        long heartbeatNanos = settings.heartbeat().toNanos();
        long lastSent = System.nanoTime();
        try (BlockingStream<TrackedEventMessage<?>> stream = reader.openStream(after)) {
            emitter.send(SseEmitter.event().comment("stream after " + after).reconnectTime(1000));
            while (!closed.get() && System.nanoTime() < deadline) {
                long nextHeartbeat = lastSent + heartbeatNanos;
                if (FeedReader.awaitNext(stream, Math.min(deadline, nextHeartbeat))) {
                    TrackedEventMessage<?> message = stream.nextAvailable();
                    long position = FeedReader.positionOf(message);
                    if (position <= after) {
                        continue;
                    }
                    FeedItem item = reader.encodeIfMatching(message, position, filter, personal);
                    if (item != null) {
                        emitter.send(SseEmitter.event().id(Long.toString(position)).name(item.type())
                                .data(item.jsonText()));
                        lastSent = System.nanoTime();
                    }
                }
                if (System.nanoTime() - lastSent >= heartbeatNanos) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    lastSent = System.nanoTime();
                }
            }
            if (!closed.get()) {
                emitter.complete();
            }
        } catch (IOException | IllegalStateException gone) {
            // The client went away (or the emitter was completed from the container side).
            log.debug("feed stream after {} ended: {}", after, gone.toString());
            emitter.completeWithError(gone);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            log.warn("feed stream after {} failed", after, e);
            emitter.completeWithError(e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
