package org.povertyledger.query.feed;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.povertyledger.shared.feed.FeedEventType;

/**
 * Reads published events by position. Pages come straight from the storage engine ({@code _id $in} batches of
 * commits on the ledger); waiting for new events (long-poll, the SSE stream) goes through the event store's
 * shared tailing stream, which notices local appends at once and other nodes' within its fetch delay.
 * <p>
 * Positions are gapless and become visible strictly in order, so everything at or below a position already read
 * is final: a page that stopped before the end of the log is the same page forever.
 */
public final class FeedReader {

    /** How often a waiting reader at the end of the log looks for new events. */
    static final int TAIL_POLL_MILLIS = 200;

    private final EventStorageEngine storage;
    private final StreamableMessageSource<TrackedEventMessage<?>> eventStore;
    private final FeedEncoder encoder;

    public FeedReader(EventStorageEngine storage, StreamableMessageSource<TrackedEventMessage<?>> eventStore,
                      FeedEncoder encoder) {
        this.storage = storage;
        this.eventStore = eventStore;
        this.encoder = encoder;
    }

    /** The position of the last event in the ledger (0 when empty). */
    public long head() {
        TrackingToken head = storage.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /**
     * Reads up to {@code limit} matching events after {@code after}, examining at most {@code maxScan} events.
     */
    public FeedPage read(long after, int limit, FeedFilter filter, boolean personal, int maxScan) {
        List<FeedItem> items = new ArrayList<>(Math.min(limit, 1024));
        long last = after;
        int scanned = 0;
        boolean closed = false;
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(token(after), false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            while (events.hasNext()) {
                TrackedEventMessage<?> message = events.next();
                long position = positionOf(message);
                if (position <= after) {
                    continue;
                }
                FeedItem item = encodeIfMatching(message, position, filter, personal);
                if (item != null) {
                    items.add(item);
                }
                last = position;
                scanned++;
                if (items.size() >= limit || scanned >= maxScan) {
                    closed = true;
                    break;
                }
            }
        }
        return new FeedPage(after, List.copyOf(items), last, closed);
    }

    /**
     * Like {@link #read}, but when nothing matches up to the end of the log, waits up to {@code waitMillis} for
     * new events (long-poll).
     */
    public FeedPage readOrWait(long after, int limit, FeedFilter filter, boolean personal, int maxScan,
                               long waitMillis) throws InterruptedException {
        FeedPage page = read(after, limit, filter, personal, maxScan);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (page.items().isEmpty() && !page.closed() && System.nanoTime() < deadline) {
            try (BlockingStream<TrackedEventMessage<?>> tail = eventStore.openStream(token(page.next()))) {
                if (!awaitNext(tail, deadline)) {
                    break;
                }
            }
            FeedPage more = read(page.next(), limit, filter, personal, maxScan);
            page = new FeedPage(after, more.items(), more.next(), more.closed());
        }
        return page;
    }

    /**
     * Waits until the stream has an event or the deadline ({@link System#nanoTime()}) passes, looking every
     * {@value #TAIL_POLL_MILLIS} ms: the event store gives each reader its own stream over the ledger, which sees
     * new events when it looks again, not by being woken.
     */
    static boolean awaitNext(BlockingStream<TrackedEventMessage<?>> stream, long deadline)
            throws InterruptedException {
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            int wait = (int) Math.max(1, Math.min(TAIL_POLL_MILLIS, remaining / 1_000_000));
            if (stream.hasNextAvailable(wait, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
    }

    /** Opens the event store's tailing stream after a position (for the SSE stream). */
    public BlockingStream<TrackedEventMessage<?>> openStream(long after) {
        return eventStore.openStream(token(after));
    }

    /** The published form of a message if it matches the filter, else {@code null}. */
    public FeedItem encodeIfMatching(TrackedEventMessage<?> message, long position, FeedFilter filter,
                                     boolean personal) {
        // The unit first, for every household event: a reader going forward keeps the unit cache warm only if it
        // sees every event of a household, including those it filters out.
        String unit = encoder.unitOf(message);
        FeedEventType type = FeedEncoder.typeOf(message);
        if (type == null || !filter.matchesType(type.name()) || !filter.matchesUnit(unit)) {
            return null;
        }
        return encoder.encode(message, type, position, unit, personal);
    }

    public static long positionOf(TrackedEventMessage<?> message) {
        return message.trackingToken().position().orElseThrow(() -> new IllegalStateException(
                "the event store issued a token without a position: " + message.trackingToken()));
    }

    /** {@code null} (the tail) for 0, so that a store counting from 0 is read from its first event too. */
    static TrackingToken token(long after) {
        return after <= 0 ? null : new GlobalSequenceTrackingToken(after);
    }
}
