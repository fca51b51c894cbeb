package org.povertyledger.deploy.demo;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The demo district as a detail of health and readiness ({@code /actuator/health/readiness}). It is UP while the
 * demo loads: every answer during the load is correct for the log position it names, and a readiness DOWN would
 * take a single-node service out of rotation for that minute. A failed load (resumed on the next start) does not
 * make the service unable to answer either, so it is a detail too.
 */
@Component("demo")
class DemoHealthIndicator implements HealthIndicator {

    private final DemoStatusService status;

    DemoHealthIndicator(DemoStatusService status) {
        this.status = status;
    }

    @Override
    public Health health() {
        DemoStatus demo = status.status();
        return Health.up().withDetail("state", demo.state()).withDetail("percent", demo.percent())
                .withDetail("commandsProcessed", demo.commandsProcessed()).withDetail("commands", demo.commands())
                .withDetail("ledgerPosition", demo.ledgerPosition())
                .withDetail("secondsElapsed", demo.secondsElapsed()).build();
    }
}
