package org.povertyledger.command.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.function.LongSupplier;

/** The engine's meters; every method is a no-op when no registry was configured. */
final class LedgerMetrics {

    static final String OUTCOME_OK = "ok";
    static final String OUTCOME_CONFLICT = "conflict";
    static final String OUTCOME_DUPLICATE_REQUEST = "duplicate-request";
    static final String OUTCOME_ERROR = "error";

    private final MeterRegistry registry;
    private final Counter events;
    private final Counter positionRetries;

    LedgerMetrics(MeterRegistry registry, LongSupplier headPosition) {
        this.registry = registry;
        if (registry == null) {
            events = null;
            positionRetries = null;
            return;
        }
        events = Counter.builder("ledger.append.events")
                        .description("Events appended to the ledger")
                        .register(registry);
        positionRetries = Counter.builder("ledger.append.position-retries")
                                 .description("Appends retried because another writer took the position first")
                                 .register(registry);
        Gauge.builder("ledger.head.position", headPosition::getAsLong)
             .description("Last global position known to this node")
             .register(registry);
    }

    Timer.Sample start() {
        return registry == null ? null : Timer.start(registry);
    }

    void stop(Timer.Sample sample, String outcome) {
        if (sample != null) {
            sample.stop(Timer.builder("ledger.append")
                             .description("Time to append one commit, including durable write and retries")
                             .tag("outcome", outcome)
                             .register(registry));
        }
    }

    void appended(int count) {
        if (events != null) {
            events.increment(count);
        }
    }

    void positionRetry() {
        if (positionRetries != null) {
            positionRetries.increment();
        }
    }
}
