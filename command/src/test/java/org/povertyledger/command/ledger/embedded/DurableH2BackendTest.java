package org.povertyledger.command.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

/** Which writes a read must wait for: those to the collection it reads, or all when its target is unknown. */
class DurableH2BackendTest {

    @Test
    void readsAndWritesNameTheCollectionTheyTouch() {
        assertThat(DurableH2Backend.namespace("ledger", "find", new Document("find", "events"))).isEqualTo("ledger.events");
        assertThat(DurableH2Backend.namespace("ledger", "getMore", new Document("getMore", 7L).append("collection", "events")))
                .isEqualTo("ledger.events");
        assertThat(DurableH2Backend.namespace("ledger", "insert", new Document("insert", "events"))).isEqualTo("ledger.events");
        assertThat(DurableH2Backend.namespace("ledger", "findAndModify", new Document("findAndModify", "tokens")))
                .isEqualTo("ledger.tokens");
        assertThat(DurableH2Backend.namespace("ledger", "aggregate",
                new Document("aggregate", "events").append("pipeline", List.of(new Document("$match", new Document())))))
                .isEqualTo("ledger.events");
    }

    @Test
    void aReadThatMaySeeOtherCollectionsWaitsForEveryWrite() {
        assertThat(DurableH2Backend.namespace("ledger", "aggregate", new Document("aggregate", "events")
                .append("pipeline", List.of(new Document("$lookup", new Document("from", "other")))))).isNull();
        assertThat(DurableH2Backend.namespace("ledger", "listCollections", new Document("listCollections", 1))).isNull();
        assertThat(DurableH2Backend.namespace("ledger", "aggregate", new Document("aggregate", 1)
                .append("pipeline", List.of()))).isNull();
    }
}
