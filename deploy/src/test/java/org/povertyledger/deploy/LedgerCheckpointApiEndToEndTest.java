package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.audit.CheckpointKeys;
import org.povertyledger.command.ledger.audit.ExportVerifier;
import org.povertyledger.command.ledger.audit.MerkleTree;
import org.povertyledger.command.ledger.audit.SignedCheckpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Checkpoints, proofs, keys and the export over HTTP on the real application, as an auditor uses them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerCheckpointApiEndToEndTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
    }

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void checkpointsProofsAndExportVerifyAsAnAuditorWouldCheckThem() throws Exception {
        JsonNode keys = api.get(null, "/api/ledger/keys").json();
        JsonNode key = keys.get("keys").get(0);
        assertThat(key.get("algorithm").asText()).isEqualTo("Ed25519");
        var publicKey = CheckpointKeys.publicKey(key.get("pem").asText());
        assertThat(key.get("keyId").asText()).isEqualTo(CheckpointKeys.keyId(publicKey));

        register();
        SignedCheckpoint first = checkpoint(api.post("auditor", "/api/ledger/checkpoints", Map.of()));
        register();
        register();
        ApiClient.Response created = api.post("admin", "/api/ledger/checkpoints", Map.of());
        SignedCheckpoint second = checkpoint(created);
        assertThat(created.header("Location")).isEqualTo("/api/ledger/checkpoints/" + second.position());
        assertThat(second.position()).isGreaterThan(first.position());
        assertThat(first.verify(publicKey)).isTrue();
        assertThat(second.verify(publicKey)).isTrue();

        assertThat(checkpoint(api.get("auditor", "/api/ledger/checkpoints/latest"))).isEqualTo(second);
        assertThat(checkpoint(api.get("auditor", "/api/ledger/checkpoints/" + first.position()))).isEqualTo(first);
        JsonNode page = api.get("auditor", "/api/ledger/checkpoints?page=0&size=1").json();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("position").asLong()).isEqualTo(second.position());
        assertThat(page.get("total").asLong()).isEqualTo(2);

        for (long position : List.of(1L, first.position(), second.position())) {
            JsonNode proof = api.get("auditor", "/api/ledger/proof?position=" + position + "&checkpoint="
                    + second.position()).json();
            byte[] leaf = HEX.parseHex(proof.get("leafHash").asText());
            assertThat(leaf).isEqualTo(MerkleTree.leafHash(HEX.parseHex(proof.get("eventHash").asText())));
            assertThat(MerkleTree.verifyInclusion(position - 1, second.position(), leaf, hashes(proof.get("auditPath")),
                    HEX.parseHex(second.merkleRoot()))).as("proof of %d", position).isTrue();
        }
        JsonNode consistency = api.get("auditor", "/api/ledger/consistency?from=" + first.position() + "&to="
                + second.position()).json();
        assertThat(MerkleTree.verifyConsistency(first.position(), second.position(), HEX.parseHex(first.merkleRoot()),
                HEX.parseHex(second.merkleRoot()), hashes(consistency.get("proof")))).isTrue();

        JsonNode verify = api.get("auditor", "/api/ledger/verify").json();
        assertThat(verify.get("ok").asBoolean()).isTrue();
        assertThat(verify.get("checkpointPosition").asLong()).isEqualTo(second.position());
        assertThat(verify.get("signatureChecked").asBoolean()).isTrue();

        HttpResponse<byte[]> export = api.download("auditor", "/api/ledger/export");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        String[] lines = new String(export.body(), StandardCharsets.UTF_8).split("\n");
        assertThat(JSON.readTree(lines[0]).get("format").asText()).isEqualTo("povertyledger-export/1");
        assertThat(JSON.readTree(lines[lines.length - 1]).get("events").asLong()).isEqualTo(lines.length - 2);
        ExportVerifier.Report report = new ExportVerifier(List.of(first, second),
                Map.of(second.keyId(), publicKey)).verify(new ByteArrayInputStream(export.body()));
        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.checkpoints()).isEqualTo(2);

        // A slice in the middle chains from the hash before it and holds the later checkpoint's head.
        long from = first.position() + 1;
        HttpResponse<byte[]> slice = api.download("auditor", "/api/ledger/export?from=" + from + "&to=" + second.position());
        String[] sliceLines = new String(slice.body(), StandardCharsets.UTF_8).split("\n");
        assertThat(sliceLines).hasSize((int) (second.position() - from + 1) + 2);
        assertThat(JSON.readTree(sliceLines[0]).get("previousHash").asText()).isEqualTo(first.headHash());
        ExportVerifier.Report sliceReport = new ExportVerifier(List.of(second), Map.of(second.keyId(), publicKey))
                .verify(new ByteArrayInputStream(slice.body()));
        assertThat(sliceReport.ok()).as(sliceReport.toString()).isTrue();
        assertThat(sliceReport.checkpoints()).isEqualTo(1);
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        register();
        long at = checkpoint(api.post("auditor", "/api/ledger/checkpoints", Map.of())).position();
        assertProblem(api.get("auditor", "/api/ledger/proof?position=0&checkpoint=" + at), 400, "VALIDATION_FAILED", "position");
        assertProblem(api.get("auditor", "/api/ledger/proof?checkpoint=" + at), 400, "VALIDATION_FAILED", "position");
        assertProblem(api.get("auditor", "/api/ledger/proof?position=abc&checkpoint=" + at), 400, "VALIDATION_FAILED", "position");
        assertProblem(api.get("auditor", "/api/ledger/proof?position=" + (at + 1) + "&checkpoint=" + at), 400,
                "VALIDATION_FAILED", "position");
        assertProblem(api.get("auditor", "/api/ledger/proof?position=1&checkpoint=" + (at + 999)), 404,
                "CHECKPOINT_NOT_FOUND", "checkpoint");
        assertProblem(api.get("auditor", "/api/ledger/proof?position=1"), 400, "VALIDATION_FAILED", "checkpoint");
        assertProblem(api.get("auditor", "/api/ledger/consistency?from=" + at + "&to=" + (at + 5)), 404,
                "CHECKPOINT_NOT_FOUND", "to");
        assertProblem(api.get("auditor", "/api/ledger/consistency?to=" + at), 400, "VALIDATION_FAILED", "from");
        assertProblem(api.get("auditor", "/api/ledger/checkpoints?size=0"), 400, "VALIDATION_FAILED", "size");
        assertProblem(api.get("auditor", "/api/ledger/checkpoints?page=-1"), 400, "VALIDATION_FAILED", "page");
        assertProblem(api.get("auditor", "/api/ledger/checkpoints/abc"), 400, "VALIDATION_FAILED", "id");
        assertProblem(api.get("auditor", "/api/ledger/checkpoints/" + (at + 999)), 404, "CHECKPOINT_NOT_FOUND", "id");
        assertProblem(api.get("auditor", "/api/ledger/export?from=3&to=2"), 400, "VALIDATION_FAILED", "to");
        assertProblem(api.get("auditor", "/api/ledger/export?from=0"), 400, "VALIDATION_FAILED", "from");
    }

    @Test
    void onlyAuditorsAndAdminsReadTheLedgerButAnyoneReadsItsKey() {
        assertThat(api.get("officer", "/api/ledger/checkpoints").status()).isEqualTo(403);
        assertThat(api.get("integrator", "/api/ledger/export").status()).isEqualTo(403);
        assertThat(api.post("officer", "/api/ledger/checkpoints", Map.of()).status()).isEqualTo(403);
        assertThat(api.get(null, "/api/ledger/verify").status()).isEqualTo(401);
        assertThat(api.get(null, "/api/ledger/keys").status()).isEqualTo(200);
        assertThat(api.get("auditor", "/api/ledger/checkpoints").status()).isEqualTo(200);
    }

    private void register() {
        Map<String, Object> body = HouseholdApiEndToEndTest.household("HH-C" + UUID.randomUUID().toString().substring(0, 8));
        ApiClient.Response response = api.post("officer", "/api/households", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static SignedCheckpoint checkpoint(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        JsonNode c = response.json();
        return new SignedCheckpoint(c.get("position").asLong(), c.get("headHash").asText(), c.get("merkleRoot").asText(),
                c.get("time").asText(), c.get("keyId").asText(), c.get("algorithm").asText(), c.get("signature").asText());
    }

    private static List<byte[]> hashes(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> HEX.parseHex(n.asText())).toList();
    }

    private static void assertProblem(ApiClient.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(response.json().get("field").asText()).as(response.body()).isEqualTo(field);
    }
}
