package org.povertyledger.query.indicator;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;

/**
 * The state of a derived cell on the valid-time axis: for each effective date, the change of every counter on
 * that date. The counts as of a valid date D are the sum of the changes dated on or before D; without a date
 * bound, the sum of all. Stored compactly as {@code {d: "epochDay:c0,c1,...;epochDay:..."}}.
 */
final class Steps {

    private final TreeMap<Integer, long[]> changes;

    private Steps(TreeMap<Integer, long[]> changes) {
        this.changes = changes;
    }

    static Steps empty() {
        return new Steps(new TreeMap<>());
    }

    static Steps of(Document state) {
        Steps steps = empty();
        if (state == null) {
            return steps;
        }
        String text = state.getString("d");
        if (text == null || text.isEmpty()) {
            return steps;
        }
        for (String step : text.split(";")) {
            int colon = step.indexOf(':');
            int day = Integer.parseInt(step.substring(0, colon));
            String[] parts = step.substring(colon + 1).split(",");
            long[] values = new long[Counters.SIZE];
            for (int i = 0; i < parts.length && i < Counters.SIZE; i++) {
                values[i] = Long.parseLong(parts[i]);
            }
            steps.changes.put(day, values);
        }
        return steps;
    }

    /** Adds {@code delta} on the given day; days whose change becomes zero are dropped. */
    void add(int day, long[] delta) {
        long[] values = changes.computeIfAbsent(day, d -> new long[Counters.SIZE]);
        for (int i = 0; i < Counters.SIZE; i++) {
            values[i] += delta[i];
        }
        if (Counters.isZero(values)) {
            changes.remove(day);
        }
    }

    /** The counts as of {@code asOf} ({@code null}: all changes). */
    long[] asOf(LocalDate asOf) {
        long[] total = new long[Counters.SIZE];
        Map<Integer, long[]> counted = asOf == null ? changes : changes.headMap((int) asOf.toEpochDay(), true);
        for (long[] values : counted.values()) {
            for (int i = 0; i < Counters.SIZE; i++) {
                total[i] += values[i];
            }
        }
        return total;
    }

    Document toDocument() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Integer, long[]> entry : changes.entrySet()) {
            if (text.length() > 0) {
                text.append(';');
            }
            text.append(entry.getKey()).append(':');
            long[] values = entry.getValue();
            // Trailing zeros are left out (read back as zeros): counters added later cost nothing where unused.
            int length = values.length;
            while (length > 1 && values[length - 1] == 0) {
                length--;
            }
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(values[i]);
            }
        }
        return new Document("d", text.toString());
    }
}
