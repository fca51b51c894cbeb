package org.povertyledger.deploy.config;

import java.util.OptionalLong;

import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.povertyledger.command.importing.ImportService;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Health of the store and, per event processor, how many positions it is behind the head of the log. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    private final EventProcessingConfiguration processing;
    private final MongoLedgerStorageEngine engine;
    private final MeterRegistry registry;

    ObservabilityConfiguration(EventProcessingConfiguration processing, MongoLedgerStorageEngine engine,
                               MeterRegistry registry) {
        this.processing = processing;
        this.engine = engine;
        this.registry = registry;
    }

    @Bean
    HealthIndicator storeHealthIndicator(MongoDatabase database) {
        return () -> {
            try {
                Document ping = database.runCommand(new Document("ping", 1));
                return Health.up().withDetail("database", database.getName()).withDetail("ping", ping.get("ok"))
                        .withDetail("headPosition", engine.head().position()).build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }

    /** Import rows this node handled, by outcome: {@code rate(povertyledger_import_rows_total[1m])} is rows/s. */
    @Bean
    MeterBinder importRowMeters(ImportService imports) {
        Map<String, ToDoubleFunction<ImportService>> outcomes = Map.of(
                "accepted", s -> s.rowsHandled().accepted(),
                "rejected", s -> s.rowsHandled().rejected(),
                "unchanged", s -> s.rowsHandled().unchanged());
        return meters -> outcomes.forEach((outcome, count) -> FunctionCounter
                .builder("povertyledger.import.rows", imports, count).tag("outcome", outcome)
                .description("rows of bulk imports handled on this node").register(meters));
    }

    /** Registered when the processors exist: lag = head position minus the slowest segment's position. */
    @EventListener(ApplicationReadyEvent.class)
    void registerProcessorLag() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("povertyledger.processor.lag", streaming, this::lag)
                        .tag("processor", name)
                        .description("log positions between the head of the ledger and the processor's slowest segment")
                        .baseUnit("events")
                        .register(registry);
            }
        });
    }

    private double lag(StreamingEventProcessor processor) {
        long head = engine.head().position();
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            OptionalLong position = status.getTrackingToken() == null ? OptionalLong.of(0)
                    : status.getTrackingToken().position();
            slowest = Math.min(slowest, position.orElse(0));
        }
        return slowest == Long.MAX_VALUE ? Double.NaN : Math.max(0, head - slowest);
    }
}
