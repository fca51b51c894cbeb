package org.povertyledger.command.ledger.audit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyledger.command.ledger.audit.ExportVerifier.Damage.CHAIN;
import static org.povertyledger.command.ledger.audit.ExportVerifier.Damage.CHECKPOINT;
import static org.povertyledger.command.ledger.audit.ExportVerifier.Damage.CONTENT;
import static org.povertyledger.command.ledger.audit.ExportVerifier.Damage.ORDER;
import static org.povertyledger.command.ledger.audit.ExportVerifier.Damage.SIGNATURE;
import static org.povertyledger.command.ledger.audit.ExportVerifier.Damage.TRUNCATED;

/** The offline verifier on exports built here, event by event, with the engine's hash function. */
class ExportVerifierTest {

    @TempDir
    Path dir;

    private final KeyPair pair = CheckpointKeys.generate();
    private final String keyId = CheckpointKeys.keyId(pair.getPublic());
    private List<Map<String, Object>> events;
    private SignedCheckpoint at6;
    private SignedCheckpoint at10;

    @BeforeEach
    void ledger() {
        events = chain(10, 1, LedgerHashing.GENESIS_HASH, "");
        at6 = checkpoint(events, 6);
        at10 = checkpoint(events, 10);
    }

    @Test
    void anIntactExportVerifiesAgainstItsCheckpoints() throws IOException {
        ExportVerifier.Report report = verify(export(events), at6, at10);
        assertThat(report.ok()).isTrue();
        assertThat(report.events()).isEqualTo(10);
        assertThat(report.checkpoints()).isEqualTo(2);
        assertThat(report.headHash()).isEqualTo(at10.headHash());
    }

    @Test
    void anEditedPayloadIsNamedAtItsPosition() throws IOException {
        events.get(4).put("payload", "{\"n\":999}");
        assertBroken(verify(export(events), at10), 5, CONTENT);
    }

    @Test
    void aMissingOrReorderedLineIsNamedAtTheFirstPositionOutOfPlace() throws IOException {
        List<Map<String, Object>> missing = new ArrayList<>(events);
        missing.remove(3);
        assertBroken(verify(export(missing), at10), 4, ORDER);
        List<Map<String, Object>> swapped = new ArrayList<>(events);
        swapped.set(2, events.get(7));
        swapped.set(7, events.get(2));
        assertBroken(verify(export(swapped), at10), 3, ORDER);
    }

    @Test
    void aBrokenPrevLinkIsAChainBreak() throws IOException {
        String text = export(events).replace("\"prev\":\"" + events.get(5).get("hash") + "\"", "\"prev\":\"" + "1".repeat(64) + "\"");
        assertBroken(verify(text, at10), 7, CHAIN);
    }

    @Test
    void aRewrittenLogThatChainsCorrectlyIsCaughtByTheSignedCheckpoint() throws IOException {
        // Edit position 8 and recompute every hash from there: the chain holds, the checkpoint at 10 does not.
        List<Map<String, Object>> forged = new ArrayList<>(events.subList(0, 7));
        forged.addAll(chain(3, 8, (String) events.get(6).get("hash"), ",\"forged\":true"));
        ExportVerifier.Report report = verify(export(forged), at6, at10);
        assertBroken(report, 10, CHECKPOINT);
        assertThat(report.reason()).contains("after position 6");
    }

    @Test
    void aCutExportIsTruncated() throws IOException {
        String full = export(events);
        String withoutTrailer = full.substring(0, full.lastIndexOf("{\"end\""));
        assertBroken(verify(withoutTrailer, at10), 11, TRUNCATED);
        assertBroken(verify(export(events.subList(0, 8)), at10), 9, TRUNCATED);
    }

    @Test
    void aCheckpointSignedByAnotherKeyOrAlteredIsASignatureFailure() throws IOException {
        KeyPair other = CheckpointKeys.generate();
        ExportVerifier.Report unknownKey = new ExportVerifier(List.of(at10),
                Map.of(CheckpointKeys.keyId(other.getPublic()), other.getPublic()))
                .verify(new ByteArrayInputStream(export(events).getBytes(StandardCharsets.UTF_8)));
        assertBroken(unknownKey, 10, SIGNATURE);
        SignedCheckpoint altered = new SignedCheckpoint(10, at10.headHash(), at6.merkleRoot(), at10.time(), keyId,
                "Ed25519", at10.signature());
        assertBroken(verify(export(events), altered), 10, SIGNATURE);
    }

    @Test
    void theCommandLineExitsZeroOneOrTwo() throws IOException {
        Path export = Files.writeString(dir.resolve("export.ndjson"), export(events));
        Path checkpoint = Files.writeString(dir.resolve("checkpoint.json"), json(at10));
        Path key = Files.writeString(dir.resolve("key.pem"), CheckpointKeys.pem(pair.getPublic()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(VerifierMain.run(new String[]{"verify", "--export", export.toString(), "--checkpoint",
                checkpoint.toString(), "--key", key.toString()}, print, print)).isEqualTo(VerifierMain.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK: 10 events");

        events.get(1).put("meta", "{\"actorId\":\"someone-else\"}");
        Files.writeString(export, export(events));
        out.reset();
        assertThat(VerifierMain.run(new String[]{"--export=" + export, "--checkpoints=" + checkpoint, "--key=" + key},
                print, print)).isEqualTo(VerifierMain.DAMAGED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("DAMAGE at position 2: CONTENT");

        assertThat(VerifierMain.run(new String[]{"--checkpoint", checkpoint.toString()}, print, print))
                .isEqualTo(VerifierMain.USAGE);
        assertThat(VerifierMain.run(new String[]{"--export", dir.resolve("missing").toString()}, print, print))
                .isEqualTo(VerifierMain.USAGE);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private List<Map<String, Object>> chain(int count, long firstPosition, String previous, String extra) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (long pos = firstPosition; pos < firstPosition + count; pos++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("pos", pos);
            e.put("id", "event-" + pos);
            e.put("aggType", "Household");
            e.put("aggId", "H-" + (pos % 3));
            e.put("seq", pos / 3);
            e.put("type", "org.example.Assessed");
            e.put("rev", null);
            e.put("ts", Instant.ofEpochSecond(1_700_000_000L + pos).toString());
            e.put("payload", "{\"n\":" + pos + extra + "}");
            e.put("meta", "{\"actorId\":\"officer\"}");
            e.put("hash", LedgerHashing.hash(previous, pos, (String) e.get("id"), "Household", (String) e.get("aggId"),
                    (Long) e.get("seq"), "org.example.Assessed", null, (String) e.get("ts"), (String) e.get("payload"),
                    (String) e.get("meta")));
            previous = (String) e.get("hash");
            result.add(e);
        }
        return result;
    }

    private SignedCheckpoint checkpoint(List<Map<String, Object>> log, int size) {
        MerkleFrontier frontier = new MerkleFrontier();
        log.subList(0, size).forEach(e -> frontier.addLeafData(HexFormat.of().parseHex((String) e.get("hash"))));
        return SignedCheckpoint.sign(size, (String) log.get(size - 1).get("hash"), frontier.rootHex(),
                Instant.parse("2026-12-02T10:00:00Z"), keyId, pair.getPrivate());
    }

    private static String export(List<Map<String, Object>> log) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LedgerExport export = LedgerExport.start(out, 1, null, LedgerHashing.GENESIS_HASH, "2026-12-02T10:00:00Z");
        for (Map<String, Object> event : log) {
            export.event(event);
        }
        export.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    private ExportVerifier.Report verify(String export, SignedCheckpoint... checkpoints) throws IOException {
        return new ExportVerifier(List.of(checkpoints), Map.of(keyId, pair.getPublic()))
                .verify(new ByteArrayInputStream(export.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertBroken(ExportVerifier.Report report, long position, ExportVerifier.Damage damage) {
        assertThat(report.ok()).as(report.toString()).isFalse();
        assertThat(report.brokenAt()).as(report.toString()).isEqualTo(position);
        assertThat(report.damage()).as(report.toString()).isEqualTo(damage);
    }

    private static String json(SignedCheckpoint c) {
        return "{\"position\":" + c.position() + ",\"headHash\":\"" + c.headHash() + "\",\"merkleRoot\":\""
                + c.merkleRoot() + "\",\"time\":\"" + c.time() + "\",\"keyId\":\"" + c.keyId()
                + "\",\"algorithm\":\"Ed25519\",\"signature\":\"" + c.signature() + "\"}";
    }
}
