package org.povertyledger.query.consistency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;

/**
 * Holds a read until the projections it reads have processed a position. Waiting costs no store reads: progress
 * comes from the processors' in-memory tracking tokens, and a waiting reader is woken by {@link #progressed()}
 * after every committed processing batch (with a short timed re-check as a safety net). The ledger head is read
 * once, and only when a projection is behind, to tell a position that will come from one that was never written.
 */
public class ConsistencyGate {

    /** Longest a waiting reader sleeps between checks when no batch commit wakes it. */
    static final long RECHECK_MILLIS = 50;

    private final ProjectionProgress progress;
    private final LongSupplier ledgerHead;
    private final Duration maxWait;
    private final Object monitor = new Object();

    /**
     * @param ledgerHead the position of the last event in the ledger (a store read)
     * @param maxWait how long a read waits for its projections before it is refused with
     *        {@link ErrorCode#PROJECTION_BEHIND}
     */
    public ConsistencyGate(ProjectionProgress progress, LongSupplier ledgerHead, Duration maxWait) {
        this.progress = progress;
        this.ledgerHead = ledgerHead;
        this.maxWait = maxWait;
    }

    public Duration maxWait() {
        return maxWait;
    }

    /** Called after each committed processing batch of any processor. */
    public void progressed() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /**
     * Waits until every group has processed {@code required} and answers the position they have all processed
     * (at least {@code required}); without a requirement ({@code required < 0}) answers at once. {@code field}
     * names where the client asked for the position, for the refusals.
     */
    public long awaitProjections(List<String> groups, long required, String field) {
        long served = processed(groups);
        if (required < 0 || served >= required) {
            return served;
        }
        requireWithinLedger(required, field);
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (monitor) {
            while (true) {
                served = processed(groups);
                if (served >= required) {
                    return served;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw behind(groups, required);
                }
                try {
                    monitor.wait(Math.max(1, Math.min(RECHECK_MILLIS, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw behind(groups, required);
                }
            }
        }
    }

    /**
     * For readers that read the ledger itself: the head, once it is at least {@code required}. Positions become
     * visible in order, so a position at or below the head is already readable.
     */
    public long awaitLedger(long required, String field) {
        long head = ledgerHead.getAsLong();
        if (required >= 0 && head < required) {
            throw beyondHead(required, head, field);
        }
        return head;
    }

    private void requireWithinLedger(long required, String field) {
        long head = ledgerHead.getAsLong();
        if (head < required) {
            throw beyondHead(required, head, field);
        }
    }

    /** The lowest position the groups have all processed; a group this process does not run is left out. */
    private long processed(List<String> groups) {
        long lowest = Long.MAX_VALUE;
        for (String group : groups) {
            OptionalLong position = progress.processed(group);
            if (position.isPresent()) {
                lowest = Math.min(lowest, position.getAsLong());
            }
        }
        return lowest == Long.MAX_VALUE ? 0 : lowest;
    }

    private DomainException behind(List<String> groups, long required) {
        String slowest = null;
        long position = Long.MAX_VALUE;
        for (String group : groups) {
            OptionalLong processed = progress.processed(group);
            if (processed.isPresent() && processed.getAsLong() < position) {
                position = processed.getAsLong();
                slowest = group;
            }
        }
        if (slowest == null) {
            slowest = groups.isEmpty() ? "(none)" : groups.get(0);
            position = 0;
        }
        long seconds = Math.max(1, (maxWait.toMillis() + 999) / 1000);
        return new DomainException(ErrorCode.PROJECTION_BEHIND, null, "processed-within:" + maxWait,
                "projection " + slowest + " has processed the log up to position " + position + ", not yet to "
                        + required + "; retry later",
                Map.of("projection", slowest, "projectionPosition", position,
                        "requiredPosition", required, "maxWaitMillis", maxWait.toMillis(),
                        "retryAfterSeconds", seconds));
    }

    private static DomainException beyondHead(long required, long head, String field) {
        return new DomainException(ErrorCode.POSITION_BEYOND_HEAD, field, "at-most:ledger-head",
                field + " " + required + " is beyond the last position in the ledger (" + head
                        + "); a position comes from the answer to a write",
                Map.of("requiredPosition", required, "ledgerHead", head));
    }
}
