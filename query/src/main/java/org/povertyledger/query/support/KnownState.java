package org.povertyledger.query.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.povertyledger.shared.common.AsKnownAt;

/**
 * The transaction-time cut an answer is computed at: a log position no later than what the owning projection
 * has processed, its recorded time, and the reference entries at or below it.
 *
 * @param position the log position the answer reflects
 * @param recordedAt for the present knowledge, when the event at {@code position} was recorded; for an asked
 *        position or time, when the newest reference entry at or below it was recorded (readers raise it to the
 *        newest fact they read), whether or not that position is the head; {@code null} when nothing is known
 * @param entries the reference entries at or below the position, in position order
 */
public record KnownState(long position, Instant recordedAt, List<ReferenceLog.Entry> entries) {

    /**
     * The cut for {@code knownAt} over {@code log}: now is the projection's head; a requested position or time
     * beyond the head is answered at the head (the response names the position, so a client sees it).
     */
    public static KnownState of(ReferenceLog log, PositionClock clock, AsKnownAt knownAt) {
        ReferenceLog.Head head = log.head();
        List<ReferenceLog.Entry> all = log.entries(head);
        if (knownAt == null || knownAt.isNow()) {
            return new KnownState(head.position(), head.recordedAt(), all);
        }
        long requested = knownAt.position() != null ? knownAt.position() : clock.positionAt(knownAt.time());
        long position = Math.min(requested, head.position());
        List<ReferenceLog.Entry> upTo = new ArrayList<>();
        for (ReferenceLog.Entry entry : all) {
            if (entry.position() > position) {
                break;
            }
            upTo.add(entry);
        }
        // A function of the position alone, not of how far the log had grown when asked: a report read at a
        // position must be the same bytes whether that position was the head then or is history now.
        Instant recordedAt = upTo.isEmpty() ? null : upTo.get(upTo.size() - 1).recordedAt();
        return new KnownState(position, recordedAt, List.copyOf(upTo));
    }
}
