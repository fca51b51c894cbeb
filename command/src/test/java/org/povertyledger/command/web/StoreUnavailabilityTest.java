package org.povertyledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoQueryException;
import com.mongodb.ServerAddress;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class StoreUnavailabilityTest {

    private static MongoQueryException queryFailedWith(int code, String name) {
        BsonDocument response = new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
                .append("codeName", new BsonString(name)).append("errmsg", new BsonString("refused"));
        return new MongoQueryException(response, new ServerAddress());
    }

    @Test
    void aQueryRefusedBecauseTheStoreIsShuttingDownIsTheStoreBeingUnavailable() {
        // the embedded store after a failed write (disk full) answers every command with ShutdownInProgress
        assertThat(StoreUnavailability.causedBy(new RuntimeException(queryFailedWith(91, "ShutdownInProgress"))))
                .isTrue();
        assertThat(StoreUnavailability.causedBy(queryFailedWith(189, "PrimarySteppedDown"))).isTrue();
    }

    @Test
    void aQueryRefusedForAnyOtherReasonIsNot() {
        assertThat(StoreUnavailability.causedBy(queryFailedWith(2, "BadValue"))).isFalse();
        assertThat(StoreUnavailability.causedBy(new IllegalStateException("no store involved"))).isFalse();
    }
}
