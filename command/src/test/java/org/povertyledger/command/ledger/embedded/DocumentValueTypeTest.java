package org.povertyledger.command.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentValueTypeTest {

    @TempDir
    Path dir;

    private static Document sample(long i) {
        return new Document("_id", i).append("last", i + 2).append("n", 3)
                .append("streamKeys", List.of("HH-" + i + "#0", "HH-" + i + "#1"))
                .append("requestKey", "officer/demo/HH-" + i + "/register")
                .append("events", List.of(new Document("pos", i).append("payload", "{\"v\":\"Đắk Lắk\"}")
                        .append("score", 1.5).append("flag", true).append("none", null)))
                .append("at", Instant.ofEpochMilli(1_700_000_000_000L + i)).append("oid", new ObjectId())
                .append("bytes", new BinData(new byte[] {1, 2, 3}));
    }

    private static MVMap<Object, Document> documents(MVStore store) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        org.h2.mvstore.type.DataType<Document> type = (org.h2.mvstore.type.DataType) DocumentValueType.INSTANCE;
        return store.openMap("databases.db.events", new MVMap.Builder<Object, Document>().valueType(type));
    }

    @Test
    void documentsSurviveTheFileAsTheyWereWritten() {
        String file = dir.resolve("a.mv").toString();
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<Object, Document> map = documents(store);
            for (long i = 0; i < 500; i++) {
                map.put(i, sample(i));
            }
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<Object, Document> map = documents(store);
            Document read = map.get(42L);
            Document expected = sample(42);
            assertThat(read.get("streamKeys")).isEqualTo(expected.get("streamKeys"));
            assertThat(read.get("events")).isEqualTo(expected.get("events"));
            assertThat(read.get("at")).isEqualTo(expected.get("at"));
            assertThat(read.get("n")).isInstanceOf(Integer.class);
            assertThat(read.get("last")).isEqualTo(44L);
            assertThat(((BinData) read.get("bytes")).getData()).containsExactly(1, 2, 3);
            assertThat(map.size()).isEqualTo(500);
        }
    }

    @Test
    void readsDocumentsAnOlderFileStoredWithH2sDefaultType() {
        String file = dir.resolve("b.mv").toString();
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<Object, Object> old = store.openMap("databases.db.events");
            old.put(1L, sample(1));
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<Object, Document> map = documents(store);
            assertThat(map.get(1L).get("requestKey")).isEqualTo("officer/demo/HH-1/register");
            map.put(2L, sample(2));
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            MVMap<Object, Document> map = documents(store);
            assertThat(map.get(1L).get("last")).isEqualTo(3L);
            assertThat(map.get(2L).get("last")).isEqualTo(4L);
        }
    }

    @Test
    void keepsH2sOwnFormForAValueTheWireFormatCannotHold() {
        String file = dir.resolve("c.mv").toString();
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            documents(store).put(1L, new Document("_id", 1L).append("when", new java.util.Date(5)));
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file).open()) {
            assertThat(documents(store).get(1L).get("when")).isEqualTo(new java.util.Date(5));
        }
    }

    @Test
    void aDocumentTakesFarFewerBytesThanJavaSerialization() {
        WriteBuffer bson = new WriteBuffer();
        DocumentValueType.INSTANCE.write(bson, sample(7));
        WriteBuffer serialized = new WriteBuffer();
        new ObjectDataType().write(serialized, sample(7));
        assertThat(bson.position()).isLessThan(serialized.position() / 2);
    }
}
