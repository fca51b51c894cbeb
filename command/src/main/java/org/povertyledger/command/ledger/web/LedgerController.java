package org.povertyledger.command.ledger.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.povertyledger.command.ledger.LedgerHead;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.VerificationResult;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ledger itself: its head, and a walk of the hash chain from position 1. */
@RestController
@RequestMapping(path = "/api/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
class LedgerController {

    private final MongoLedgerStorageEngine engine;
    private final MeterRegistry registry;

    LedgerController(MongoLedgerStorageEngine engine, ObjectProvider<MeterRegistry> registry) {
        this.engine = engine;
        this.registry = registry.getIfAvailable();
    }

    /**
     * OK with the head position and hash, or the first position where the chain breaks and why. Each walk is counted
     * by result ({@code ledger.verifications}), so that an alert fires on the first broken chain.
     */
    @GetMapping("/verify")
    VerificationResult verify() {
        VerificationResult result = engine.verifier().verify();
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
}
