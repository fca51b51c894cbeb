package org.povertyledger.command.programme;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * The valid-time rule of an allocation: on every date, what was disbursed up to that date never exceeds what was
 * allocated up to that date (initial amount plus adjustments in effect).
 *
 * <p>Because allocations, adjustments and disbursements each carry their own date, checking only the totals would
 * let a back-dated disbursement or a decrease dated before earlier disbursements break the rule on some past date,
 * and an "as of" report would then show more disbursed than allocated. A change dated {@code d} affects every date
 * from {@code d} on, so it is checked against the smallest headroom over {@code d} and every later date on which
 * a figure changes.
 */
final class AllocationTimeline {

    private AllocationTimeline() {
    }

    /** An amount with the date it takes effect. */
    record Dated(LocalDate date, long amount) {
    }

    /**
     * The figures on the date from {@code from} on where allocated minus disbursed is smallest (the latest such date
     * on ties, so that without back-dating the figures are the current totals).
     */
    record Headroom(LocalDate onDate, long allocated, long disbursed) {

        long available() {
            return allocated - disbursed;
        }
    }

    static Headroom headroomFrom(LocalDate from, List<Dated> allocationChanges, List<Dated> disbursements) {
        TreeSet<LocalDate> points = new TreeSet<>();
        points.add(from);
        allocationChanges.stream().map(Dated::date).filter(d -> d.isAfter(from)).forEach(points::add);
        disbursements.stream().map(Dated::date).filter(d -> d.isAfter(from)).forEach(points::add);
        Headroom smallest = null;
        for (LocalDate point : points) {
            Headroom onPoint = new Headroom(point, sumUpTo(allocationChanges, point), sumUpTo(disbursements, point));
            if (smallest == null || onPoint.available() <= smallest.available()) {
                smallest = onPoint;
            }
        }
        return smallest;
    }

    static long sumUpTo(List<Dated> amounts, LocalDate date) {
        long sum = 0;
        for (Dated amount : amounts) {
            if (!amount.date().isAfter(date)) {
                sum += amount.amount();
            }
        }
        return sum;
    }
}
