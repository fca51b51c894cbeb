package org.povertyledger.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;

/** The gateway retries a command that lost a race for its aggregate, and nothing else. */
class ConflictRetrySchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandGateway gateway = DefaultCommandGateway.builder()
            .commandBus(bus)
            .retryScheduler(new ConflictRetryScheduler(IntervalRetryScheduler.builder()
                    .retryExecutor(executor).maxRetryCount(3).retryInterval(1)))
            .build();
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void retriesAConcurrencyConflictUntilTheCommandSucceeds() {
        bus.subscribe(String.class.getName(), command -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrencyException("aggregate allocation:AL-1 changed", new IllegalStateException("E11000"));
            }
            return "done";
        });

        assertThat((String) gateway.sendAndWait("disburse")).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void givesUpAfterTheConfiguredNumberOfRetries() {
        bus.subscribe(String.class.getName(), command -> {
            attempts.incrementAndGet();
            throw new ConcurrencyException("always behind");
        });

        assertThatThrownBy(() -> gateway.sendAndWait("disburse")).isInstanceOf(ConcurrencyException.class);
        assertThat(attempts).hasValue(4);
    }

    @Test
    void neverRetriesADomainRefusalOrAStoreFailure() {
        bus.subscribe(String.class.getName(), command -> {
            attempts.incrementAndGet();
            throw new DomainException(ErrorCode.DISBURSEMENT_EXCEEDS_ALLOCATION, "amount",
                    "disbursed-not-above-allocated", "too much");
        });
        assertThatThrownBy(() -> gateway.sendAndWait("disburse")).isInstanceOf(DomainException.class);
        assertThat(attempts).hasValue(1);

        bus.subscribe(Integer.class.getName(), command -> {
            attempts.incrementAndGet();
            throw new EventStoreException("timeout: outcome unknown");
        });
        assertThatThrownBy(() -> gateway.sendAndWait(42)).isInstanceOf(EventStoreException.class);
        assertThat(attempts).hasValue(2);
    }
}
