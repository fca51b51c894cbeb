package org.povertyledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoDatabase;

/** The versioned cell store answers the state at every position, from its head, tail or sealed chunks. */
class VersionedCellsTest {

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private static Document state(long value) {
        return new Document("v", value);
    }

    @Test
    void answersTheVersionInForceAtEveryPositionAcrossSealedChunks() {
        MongoDatabase database = mongo.freshDatabase();
        VersionedCells cells = new VersionedCells(database, "cells");
        int versions = VersionedCells.TAIL * 3 + 5;
        // Cell "x" changes at even positions 2, 4, ..., written in batches of 7 versions.
        for (int from = 0; from < versions; from += 7) {
            Map<String, VersionedCells.Cell> loaded = cells.load(List.of("x"));
            VersionedCells.Cell cell = loaded.get("x");
            for (int i = from; i < Math.min(versions, from + 7); i++) {
                long position = 2L * (i + 1);
                assertThat(cells.append(cell, position, 1000 + position, state(position * 10))).isTrue();
            }
            cells.write(List.of(cell));
        }
        assertThat(database.getCollection("cells_history").countDocuments()).isEqualTo(3);

        mongo.resetCounts();
        for (long position = 0; position <= 2L * versions + 3; position++) {
            VersionedCells.Version version = cells.versionsAt(List.of("x"), position).get("x");
            long expected = Math.min(position - position % 2, 2L * versions);
            if (expected == 0) {
                assertThat(version).as("position %d", position).isNull();
            } else {
                assertThat(version.position()).as("position %d", position).isEqualTo(expected);
                assertThat(version.state().getLong("v")).isEqualTo(expected * 10);
                assertThat(version.recordedAtMillis()).isEqualTo(1000 + expected);
            }
        }
        // One head read per call, and a chunk read only when the answer lies in a sealed chunk.
        assertThat(mongo.count("find", "cells")).isEqualTo(2 * versions + 4);
        assertThat(mongo.count("find", "cells_history")).isEqualTo(2 * VersionedCells.TAIL * 3);
    }

    @Test
    void ignoresARedeliveredVersion() {
        MongoDatabase database = mongo.freshDatabase();
        VersionedCells cells = new VersionedCells(database, "cells");
        VersionedCells.Cell cell = cells.load(List.of("y")).get("y");
        cells.append(cell, 5, 0, state(1));
        cells.write(List.of(cell));
        VersionedCells.Cell again = cells.load(List.of("y")).get("y");
        assertThat(cells.append(again, 5, 0, state(2))).isFalse();
        assertThat(cells.append(again, 4, 0, state(2))).isFalse();
        assertThat(again.state().getLong("v")).isEqualTo(1);
    }
}
