package org.povertyledger.command.household.config;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.povertyledger.shared.rulebook.RulebookRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans the household aggregate needs: the rulebook registry its assessment handlers are given, and
 * the snapshot trigger its {@code @Aggregate} annotation names.
 */
@Configuration(proxyBeanMethods = false)
public class HouseholdCommandConfiguration {

    /** Events after which a household is snapshotted; a household gathers a few events a year. */
    static final int SNAPSHOT_THRESHOLD = 50;

    /** The national poverty standards, chosen by review year. */
    @Bean
    RulebookRegistry rulebookRegistry() {
        return RulebookRegistry.national();
    }

    /** Snapshots a household every {@value #SNAPSHOT_THRESHOLD} events. */
    @Bean
    SnapshotTriggerDefinition householdSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_THRESHOLD);
    }
}
