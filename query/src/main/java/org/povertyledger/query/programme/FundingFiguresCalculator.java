package org.povertyledger.query.programme;

import static org.povertyledger.query.programme.ReadModelSupport.longOf;

import java.time.LocalDate;
import java.util.List;

import org.bson.Document;
import org.povertyledger.shared.programme.query.FundingFigures;

/**
 * The funding figures of allocations on a valid date, from the dated entries of their ledger documents.
 *
 * <ul>
 * <li>An allocation counts from its effective date.</li>
 * <li>Allocated: the initial amount plus adjustments effective on or before the date.</li>
 * <li>Disbursed: disbursements dated on or before the date.</li>
 * <li>Closed when its closing date is on or before the date; what it did not disburse then counts as lapsed rather
 * than remaining.</li>
 * </ul>
 * Without a date every recorded entry counts.
 */
final class FundingFiguresCalculator {

    private FundingFiguresCalculator() {
    }

    /** One allocation's state on a date. */
    record AllocationFigures(boolean counted, long allocated, long disbursed, boolean closed) {

        FundingFigures toFigures() {
            return sum(List.of(this));
        }
    }

    static boolean inEffect(Document entry, LocalDate asOf) {
        return asOf == null || !LocalDate.parse(entry.getString("date")).isAfter(asOf);
    }

    static AllocationFigures on(Document allocation, LocalDate asOf) {
        if (asOf != null && LocalDate.parse(allocation.getString("effectiveDate")).isAfter(asOf)) {
            return new AllocationFigures(false, 0, 0, false);
        }
        long allocated = 0;
        long disbursed = 0;
        boolean closed = false;
        for (Document entry : allocation.getList("entries", Document.class, List.of())) {
            if (!inEffect(entry, asOf)) {
                continue;
            }
            switch (entry.getString("type")) {
                case "ALLOCATED", "ADJUSTED" -> allocated += longOf(entry, "amount");
                case "DISBURSED" -> disbursed += longOf(entry, "amount");
                case "CLOSED" -> closed = true;
                default -> throw new IllegalStateException("unknown entry type " + entry.getString("type"));
            }
        }
        return new AllocationFigures(true, allocated, disbursed, closed);
    }

    /** The roll-up of several allocations' figures; allocations not yet in effect are left out. */
    static FundingFigures sum(List<AllocationFigures> figures) {
        long allocated = 0;
        long disbursed = 0;
        long remaining = 0;
        long lapsed = 0;
        int count = 0;
        for (AllocationFigures f : figures) {
            if (!f.counted()) {
                continue;
            }
            count++;
            allocated += f.allocated();
            disbursed += f.disbursed();
            if (f.closed()) {
                lapsed += f.allocated() - f.disbursed();
            } else {
                remaining += f.allocated() - f.disbursed();
            }
        }
        return new FundingFigures(allocated, disbursed, remaining, lapsed,
                ReadModelSupport.percent(disbursed, allocated), count);
    }
}
