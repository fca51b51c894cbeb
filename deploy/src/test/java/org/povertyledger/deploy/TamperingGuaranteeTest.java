package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.audit.ExportVerifier;
import org.povertyledger.command.ledger.audit.LedgerHashing;
import org.povertyledger.command.ledger.audit.VerifierMain;
import org.povertyledger.deploy.reliability.GuaranteeLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14, test 3: seven kinds of tampering with the stored ledger through the MongoDB driver. After each, the
 * in-store verifier ({@code GET /api/ledger/verify}) and the offline verifier (on an export taken after the edit,
 * against a signed checkpoint and public key taken before it) must both name the exact first bad position. The
 * store is put back between cases.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TamperingGuaranteeTest {

    private static final int HOUSEHOLDS = 16;

    @TempDir
    static Path dataDir;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
        // Checkpoints only on request here, so that no background checkpoint meets a tampered store.
        registry.add("povertyledger.ledger.checkpoints-enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    private ApiClient api;
    private MongoCollection<Document> events;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        events = database.getCollection("events");
    }

    @Test
    void sevenKindsOfTamperingAreEachNamedAtTheirFirstBadPosition() throws Exception {
        List<Long> singles = registerHouseholds();
        JsonNode checkpoint = api.post("auditor", "/api/ledger/checkpoints", Map.of()).json();
        long signedAt = checkpoint.get("position").asLong();
        Path checkpointFile = Files.writeString(files.resolve("checkpoint.json"), checkpoint.toString());
        Path keyFile = Files.writeString(files.resolve("keys.json"), api.get(null, "/api/ledger/keys").body());
        List<Document> original = events.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertThat(offline(checkpointFile, keyFile).ok()).isTrue();

        Map<String, LongSupplier> cases = new LinkedHashMap<>();
        cases.put("payload edited", () -> set(singles.get(2), "events.0.payload", "{\"forged\":true}"));
        cases.put("metadata edited", () -> set(singles.get(3), "events.0.meta", "{\"actorId\":\"someone-else\"}"));
        cases.put("position edited", () -> set(singles.get(4), "events.0.pos", singles.get(4) + 1_000));
        cases.put("timestamp edited", () -> set(singles.get(5), "events.0.ts", "2001-01-01T00:00:00Z"));
        cases.put("commit deleted", () -> {
            events.deleteOne(Filters.eq("_id", singles.get(6)));
            return singles.get(6);
        });
        cases.put("commit inserted", () -> insertForgedCommitAt(singles.get(7)));
        cases.put("commits swapped", () -> swap(singles.get(8), singles.get(10)));

        int detected = 0;
        for (Map.Entry<String, LongSupplier> tampering : cases.entrySet()) {
            long expected = tampering.getValue().getAsLong();
            try {
                JsonNode store = api.get("auditor", "/api/ledger/verify").json();
                assertThat(store.get("ok").asBoolean()).as(tampering.getKey()).isFalse();
                assertThat(store.get("firstBrokenPosition").asLong()).as(tampering.getKey() + ": " + store)
                        .isEqualTo(expected);
                ExportVerifier.Report report = offline(checkpointFile, keyFile);
                assertThat(report.ok()).as(tampering.getKey()).isFalse();
                assertThat(report.brokenAt()).as(tampering.getKey() + ": " + report).isEqualTo(expected);
                assertThat(report.brokenAt()).isLessThanOrEqualTo(signedAt);
                assertThat(exitStatus(checkpointFile, keyFile)).isEqualTo(VerifierMain.DAMAGED);
                System.out.printf("tampering: %-17s named at position %d (store: %s, export: %s)%n", tampering.getKey(),
                        expected, store.get("failure").asText(), report.damage());
                detected++;
            } finally {
                events.deleteMany(new Document());
                events.insertMany(original);
            }
            assertThat(api.get("auditor", "/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
        }
        assertThat(exitStatus(checkpointFile, keyFile)).isEqualTo(VerifierMain.OK);
        System.out.println(detected + "/" + cases.size() + " detected");
        assertThat(detected).isEqualTo(7);
        GuaranteeLog.record("tampering", (signedAt) + " events, checkpoint at " + signedAt,
                "7 edits through the MongoDB driver (payload, metadata, position, timestamp, delete, insert, swap)",
                0, 0, detected + "/" + cases.size());
    }

    /** Registers households (one single-event commit each) and returns the positions of those commits. */
    private List<Long> registerHouseholds() {
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < HOUSEHOLDS; i++) {
            Map<String, Object> body = HouseholdApiEndToEndTest.household("HH-T" + i + "-" + UUID.randomUUID().toString().substring(0, 6));
            ApiClient.Response response = api.post("officer", "/api/households", body);
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            long position = response.json().get("position").asLong();
            Document commit = events.find(Filters.eq("_id", position)).first();
            assertThat(commit).isNotNull();
            assertThat(commit.getInteger("n")).isEqualTo(1);
            positions.add(position);
        }
        return positions;
    }

    private long set(long commit, String field, Object value) {
        assertThat(events.updateOne(Filters.eq("_id", commit), Updates.set(field, value)).getModifiedCount()).isOne();
        return commit;
    }

    /**
     * Inserts a forged event at {@code position} that chains correctly from the event before it, and moves every
     * later commit one position up (keeping their hashes, which cover their old positions). The forged event
     * itself is indistinguishable from a real one; the first event moved is where the chain breaks.
     */
    private long insertForgedCommitAt(long position) {
        List<Document> later = events.find(Filters.gte("_id", position)).sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
        String previous = events.find(Filters.eq("_id", position - 1)).first().getList("events", Document.class)
                .get(0).getString("hash");
        events.deleteMany(Filters.gte("_id", position));
        String id = UUID.randomUUID().toString();
        String type = "org.povertyledger.shared.household.event.HouseholdRegisteredEvent";
        String ts = "2026-01-01T00:00:00Z";
        String payload = "{\"householdId\":\"HH-FORGED\"}";
        String meta = "{\"actorId\":\"officer\"}";
        Document forged = new Document("pos", position).append("id", id).append("aggType", null).append("aggId", null)
                .append("seq", null).append("type", type).append("rev", null).append("ts", ts)
                .append("payload", payload).append("meta", meta)
                .append("hash", LedgerHashing.hash(previous, position, id, null, null, null, type, null, ts, payload, meta));
        List<Document> rewritten = new ArrayList<>();
        rewritten.add(new Document("_id", position).append("last", position).append("n", 1)
                .append("events", List.of(forged)));
        for (Document commit : later) {
            long first = commit.getLong("_id") + 1;
            commit.put("_id", first);
            commit.put("last", commit.getLong("last") + 1);
            for (Document event : commit.getList("events", Document.class)) {
                event.put("pos", event.getLong("pos") + 1);
            }
            rewritten.add(commit);
        }
        events.insertMany(rewritten);
        return position + 1;
    }

    /** Swaps two single-event commits, renumbering each event to its new slot. */
    private long swap(long a, long b) {
        Document first = events.find(Filters.eq("_id", a)).first();
        Document second = events.find(Filters.eq("_id", b)).first();
        events.deleteMany(Filters.in("_id", List.of(a, b)));
        events.insertMany(List.of(moved(second, a), moved(first, b)));
        return a;
    }

    private static Document moved(Document commit, long position) {
        Document copy = new Document(commit);
        copy.put("_id", position);
        copy.put("last", position);
        Document event = new Document(commit.getList("events", Document.class).get(0));
        event.put("pos", position);
        copy.put("events", List.of(event));
        return copy;
    }

    private ExportVerifier.Report offline(Path checkpointFile, Path keyFile) throws IOException {
        byte[] export = exported();
        return new ExportVerifier(VerifierMain.readCheckpoints(checkpointFile), VerifierMain.readKeys(keyFile))
                .verify(new ByteArrayInputStream(export));
    }

    private int exitStatus(Path checkpointFile, Path keyFile) throws IOException {
        Path exportFile = Files.write(files.resolve("export.ndjson"), exported());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return VerifierMain.run(new String[]{"verify", "--export", exportFile.toString(), "--checkpoint",
                checkpointFile.toString(), "--key", keyFile.toString()}, print, print);
    }

    private byte[] exported() {
        var response = api.download("auditor", "/api/ledger/export");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
