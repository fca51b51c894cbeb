package org.povertyledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoDatabase;

/** The time index answers exactly what a scan of every (position, time) pair answers. */
class RecordedTimeIndexTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    /** The greatest position recorded at or before {@code millis}, by scanning. */
    private static long scan(TreeMap<Long, Long> timeByPosition, long millis) {
        long best = 0;
        for (Map.Entry<Long, Long> entry : timeByPosition.entrySet()) {
            if (entry.getValue() <= millis) {
                best = Math.max(best, entry.getKey());
            }
        }
        return best;
    }

    @Test
    void answersTheLastPositionAtOrBeforeAnyTimeAcrossGapsOfEverySize() {
        MongoDatabase database = mongo.freshDatabase();
        RecordedTimeIndex index = new RecordedTimeIndex(database, "time_index");
        SplittableRandom random = new SplittableRandom(7);
        // Gaps from the same millisecond to over a year, so that every level of the index is crossed.
        long[] gaps = {0, 1, 7, 999, 1_000, 59_000, 61_000, 3_599_000, 3_700_000, 86_399_000, 90_000_000,
                40L * 86_400_000L, 400L * 86_400_000L};
        TreeMap<Long, Long> timeByPosition = new TreeMap<>();
        long millis = Instant.parse("2021-03-01T10:15:30.250Z").toEpochMilli();
        Map<Long, Instant> batch = new LinkedHashMap<>();
        for (long position = 1; position <= 600; position++) {
            millis += gaps[random.nextInt(gaps.length)] + random.nextInt(3);
            timeByPosition.put(position, millis);
            batch.put(position, Instant.ofEpochMilli(millis));
            if (batch.size() == 1 + random.nextInt(40)) {
                index.record(batch);
                batch = new LinkedHashMap<>();
            }
        }
        index.record(batch);
        // A batch recorded twice (a retried projection batch) changes nothing.
        index.record(Map.of(5L, Instant.ofEpochMilli(timeByPosition.get(5L))));

        long first = timeByPosition.firstEntry().getValue();
        long last = timeByPosition.lastEntry().getValue();
        assertThat(index.positionAt(Instant.ofEpochMilli(first - 1))).isZero();
        assertThat(index.positionAt(Instant.ofEpochMilli(first))).isEqualTo(1);
        assertThat(index.positionAt(Instant.ofEpochMilli(last + 500L * 86_400_000L))).isEqualTo(600);
        for (Map.Entry<Long, Long> entry : timeByPosition.entrySet()) {
            for (long offset : new long[] {-1, 0, 1, 1_000, 61_000, 3_600_000, 86_400_000}) {
                long probe = entry.getValue() + offset;
                assertThat(index.positionAt(Instant.ofEpochMilli(probe)))
                        .as("position at %s (position %d %+d ms)", Instant.ofEpochMilli(probe), entry.getKey(), offset)
                        .isEqualTo(scan(timeByPosition, probe));
            }
        }
    }

    @Test
    void anEmptyIndexAnswersZeroAndClearEmptiesIt() {
        MongoDatabase database = mongo.freshDatabase();
        RecordedTimeIndex index = new RecordedTimeIndex(database, "time_index");
        Instant now = Instant.parse("2025-12-01T00:00:00Z");
        assertThat(index.positionAt(now)).isZero();
        index.record(Map.of(3L, now.minusSeconds(10)));
        assertThat(index.positionAt(now)).isEqualTo(3);
        index.clear();
        assertThat(index.positionAt(now)).isZero();
    }
}
