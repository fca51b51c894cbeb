package org.povertyledger.command.household.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
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

    /**
     * Keeps loaded households in memory while something references them, so a command does not re-read the
     * household's events. A cached household that another node changed meanwhile cannot commit: the ledger
     * refuses the clashing sequence number, the failed unit of work evicts the entry, and the retried command
     * loads afresh.
     */
    @Bean
    Cache householdCache() {
        return new WeakReferenceCache();
    }

    /** Snapshots a household every {@value #SNAPSHOT_THRESHOLD} events. */
    @Bean
    SnapshotTriggerDefinition householdSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_THRESHOLD);
    }
}
