package org.povertyledger.deploy.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Combines what the loader did with how far the read models of this node have come: the demo is READY only when
 * the ledger holds all of it and every running processing group has processed up to the load's last position.
 */
@Component
public class DemoStatusService {

    private static final double LEDGER_SHARE = 90.0;

    private final ObjectProvider<DemoDistrictLoader> loader;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final MongoLedgerStorageEngine engine;
    private volatile Instant readyAt;

    DemoStatusService(ObjectProvider<DemoDistrictLoader> loader, ObjectProvider<EventProcessingConfiguration> processing,
                      MongoLedgerStorageEngine engine) {
        this.loader = loader;
        this.processing = processing;
        this.engine = engine;
    }

    public DemoStatus status() {
        DemoDistrictLoader demo = loader.getIfAvailable();
        long head = engine.head().position();
        if (demo == null) {
            return idle("DISABLED", "povertyledger.demo.enabled is false", head);
        }
        DemoDistrictLoader.Progress p = demo.progress();
        return switch (p.status()) {
            case WAITING -> idle("NOT_STARTED", "the service is starting", head);
            case SKIPPED_STORE_NOT_EMPTY -> idle("DISABLED", "the store already held events when the service first "
                    + "started, or another node loads the demo", head);
            case ALREADY_LOADED -> withReadModels(p, "loaded by an earlier start", head, head);
            case FAILED -> of(p, "FAILED", "the load stopped; the next start finishes it", 0,
                    Map.of(), head, Instant.now());
            case LOADING -> of(p, "LOADING", "writing commands", ledgerPercent(p), Map.of(), head, Instant.now());
            case LOADED -> withReadModels(p, "read models catching up", p.loadedHead(), head);
        };
    }

    private DemoStatus withReadModels(DemoDistrictLoader.Progress p, String detail, long target, long head) {
        Map<String, Long> positions = readModelPositions();
        long slowest = positions.values().stream().mapToLong(Long::longValue).min().orElse(target);
        if (slowest >= target) {
            Instant ready = readyAt;
            if (ready == null) {
                ready = Instant.now();
                readyAt = ready;
            }
            return of(p, "READY", detail.startsWith("loaded") ? detail : "every read model caught up", 100.0,
                    positions, head, ready);
        }
        double caughtUp = target <= 0 ? 1.0 : (double) slowest / target;
        return of(p, "LOADING", detail, LEDGER_SHARE + (100 - LEDGER_SHARE) * caughtUp, positions, head,
                Instant.now());
    }

    private static double ledgerPercent(DemoDistrictLoader.Progress p) {
        return p.totalCommands() == 0 ? 0 : LEDGER_SHARE * p.processed() / p.totalCommands();
    }

    private static DemoStatus of(DemoDistrictLoader.Progress p, String state, String detail, double percent,
                                 Map<String, Long> readModels, long head, Instant until) {
        double elapsed = p.startedAt() == null ? 0 : Duration.between(p.startedAt(), until).toMillis() / 1000.0;
        return new DemoStatus(state, detail, Math.round(percent * 10) / 10.0, p.totalCommands(), p.processed(),
                p.written(), p.alreadyThere(), p.refused(), p.phase(), head, p.loadedHead(), readModels, elapsed);
    }

    private static DemoStatus idle(String state, String detail, long head) {
        return new DemoStatus(state, detail, 0, 0, 0, 0, 0, 0, null, head, 0, Map.of(), 0);
    }

    /** The slowest segment's position of every streaming processor running on this node. */
    private Map<String, Long> readModelPositions() {
        Map<String, Long> positions = new TreeMap<>();
        EventProcessingConfiguration config = processing.getIfAvailable();
        if (config == null) {
            return positions;
        }
        for (EventProcessor processor : config.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
                long slowest = segments.isEmpty() ? 0 : segments.values().stream()
                        .mapToLong(s -> s.getCurrentPosition().orElse(0)).min().orElse(0);
                positions.put(processor.getName(), slowest);
            }
        }
        return positions;
    }
}
