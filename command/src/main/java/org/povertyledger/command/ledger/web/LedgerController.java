package org.povertyledger.command.ledger.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.povertyledger.command.ledger.LedgerHead;
import org.povertyledger.command.ledger.LedgerScanner;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.VerificationResult;
import org.springframework.beans.factory.ObjectProvider;
import org.povertyledger.command.ledger.audit.CheckpointKeys;
import org.povertyledger.command.ledger.audit.LedgerExport;
import org.povertyledger.command.ledger.audit.LedgerHashing;
import org.povertyledger.command.ledger.audit.SignedCheckpoint;
import org.povertyledger.command.ledger.checkpoint.AnchoredVerification;
import org.povertyledger.command.ledger.checkpoint.ConsistencyProof;
import org.povertyledger.command.ledger.checkpoint.InclusionProof;
import org.povertyledger.command.ledger.checkpoint.LedgerCheckpoints;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletResponse;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The ledger itself: its head, a walk of the hash chain held against the latest signed checkpoint, the
 * checkpoints, RFC 6962 inclusion and consistency proofs, the signing key, and the NDJSON export an auditor
 * checks offline.
 */
@RestController
@RequestMapping(path = "/api/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
class LedgerController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final int MAX_PAGE_SIZE = 100;

    private final MongoLedgerStorageEngine engine;
    private final LedgerCheckpoints checkpoints;
    private final MeterRegistry registry;

    LedgerController(MongoLedgerStorageEngine engine, LedgerCheckpoints checkpoints,
                     ObjectProvider<MeterRegistry> registry) {
        this.engine = engine;
        this.checkpoints = checkpoints;
        this.registry = registry.getIfAvailable();
    }

    /**
     * OK with the head position and hash, or the first position where the chain breaks and why. Each walk is counted
     * by result ({@code ledger.verifications}), so that an alert fires on the first broken chain.
     */
    @GetMapping("/verify")
    AnchoredVerification verify() {
        AnchoredVerification result = checkpoints.verifyStore();
        if (registry != null) {
            Counter.builder("ledger.verifications").tag("result", result.ok() ? "ok" : "broken")
                    .description("walks of the hash chain by result").register(registry).increment();
        }
        return result;
    }

    @GetMapping("/head")
    LedgerHead head() {
        return engine.head();
    }

    /** The public key checkpoints are signed with; readable without credentials, as a public key is. */
    @GetMapping("/keys")
    Map<String, Object> keys() {
        PublicKey key = checkpoints.signer().publicKey();
        return Map.of("keys", List.of(Map.of(
                "keyId", checkpoints.signer().keyId(),
                "algorithm", CheckpointKeys.ALGORITHM,
                "publicKey", Base64.getEncoder().encodeToString(key.getEncoded()),
                "pem", CheckpointKeys.pem(key))));
    }

    @PostMapping("/checkpoints")
    ResponseEntity<SignedCheckpoint> checkpoint() {
        SignedCheckpoint checkpoint = checkpoints.checkpointNow();
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/ledger/checkpoints/" + checkpoint.position()))
                .body(checkpoint);
    }

    /** Newest first. */
    @GetMapping("/checkpoints")
    Map<String, Object> checkpoints(@RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw new ValidationException("page", "min:0", "page must not be negative");
        }
        if ((long) page * MAX_PAGE_SIZE > Integer.MAX_VALUE) {
            throw new ValidationException("page", "max:" + Integer.MAX_VALUE / MAX_PAGE_SIZE,
                    "page must be at most " + Integer.MAX_VALUE / MAX_PAGE_SIZE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new ValidationException("size", "range:1.." + MAX_PAGE_SIZE,
                    "size must lie in 1.." + MAX_PAGE_SIZE);
        }
        return Map.of("items", checkpoints.page(page, size), "page", page, "size", size,
                "total", checkpoints.count());
    }

    /** One checkpoint by its position, or {@code latest}. */
    @GetMapping("/checkpoints/{id}")
    SignedCheckpoint checkpoint(@PathVariable String id) {
        if (id.equals("latest")) {
            return checkpoints.latest().orElseThrow(() -> new DomainException(ErrorCode.CHECKPOINT_NOT_FOUND, "id",
                    "exists", "no checkpoint has been signed yet"));
        }
        long position = positive("id", parse("id", id));
        return checkpoints.at(position).orElseThrow(() -> new DomainException(ErrorCode.CHECKPOINT_NOT_FOUND, "id",
                "exists", "no checkpoint at position " + position, Map.of("id", position)));
    }

    @GetMapping("/proof")
    InclusionProof proof(@RequestParam(required = false) Long position,
                         @RequestParam(required = false) Long checkpoint) {
        return checkpoints.proof(positive("position", required("position", position)),
                positive("checkpoint", required("checkpoint", checkpoint)));
    }

    @GetMapping("/consistency")
    ConsistencyProof consistency(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to) {
        return checkpoints.consistency(positive("from", required("from", from)), positive("to", required("to", to)));
    }

    /**
     * Streams positions {@code from..to} (default: from 1 to whatever is stored) as NDJSON, one stored event per
     * line, in {@link LedgerExport}'s format; nothing is held beyond one lookup window. Written on the request
     * thread, so a long export is not cut by an asynchronous request timeout; a failure half-way leaves the
     * export without its trailer, which the verifier reports.
     */
    @GetMapping(path = "/export", produces = {"application/x-ndjson", "application/json", "application/problem+json"})
    void export(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to,
                HttpServletResponse response) throws Exception {
        long first = positive("from", from == null ? 1L : from);
        if (to != null && to < first) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, "to", "min:" + first,
                    "to must not lie before from", Map.of("from", first, "to", to));
        }
        LedgerScanner scanner = engine.scanner();
        String previous = first == 1 ? LedgerHashing.GENESIS_HASH : scanner.hashAt(first - 1).orElseThrow(() ->
                new ValidationException(ErrorCode.VALIDATION_FAILED, "from", "stored",
                        "no stored event at position " + (first - 1) + " to chain from", Map.of("from", first)));
        String name = "povertyledger-export-" + first + "-" + (to == null ? "end" : to) + ".ndjson";
        response.setContentType(NDJSON.toString());
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        OutputStream out = new BufferedOutputStream(response.getOutputStream(), 1 << 16);
        LedgerExport export = LedgerExport.start(out, first, to, previous, Instant.now().toString());
        scanner.scan(first, to, export::event);
        export.finish();
    }

    private static long required(String field, Long value) {
        if (value == null) {
            throw new ValidationException(field, "required", field + " is required");
        }
        return value;
    }

    private static long positive(String field, long value) {
        if (value < 1) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, field, "min:1", field + " must be at least 1",
                    Map.of(field, value));
        }
        return value;
    }

    private static long parse(String field, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, field, "type:Long",
                    field + " must be a position or 'latest'", Map.of(field, text));
        }
    }
}
