package org.povertyledger.command.ledger.web;

import org.povertyledger.command.ledger.LedgerHead;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.VerificationResult;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ledger itself: its head, and a walk of the hash chain from position 1. */
@RestController
@RequestMapping(path = "/api/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
class LedgerController {

    private final MongoLedgerStorageEngine engine;

    LedgerController(MongoLedgerStorageEngine engine) {
        this.engine = engine;
    }

    /** OK with the head position and hash, or the first position where the chain breaks and why. */
    @GetMapping("/verify")
    VerificationResult verify() {
        return engine.verifier().verify();
    }

    @GetMapping("/head")
    LedgerHead head() {
        return engine.head();
    }
}
