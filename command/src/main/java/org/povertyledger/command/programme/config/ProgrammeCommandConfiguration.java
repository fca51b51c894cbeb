package org.povertyledger.command.programme.config;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.povertyledger.command.programme.LedgerStreamLookups;
import org.povertyledger.command.programme.ReferenceStructureLoader;
import org.povertyledger.command.programme.RepositorySubProjectLookup;
import org.povertyledger.command.programme.SubProjectLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Beans the programme and allocation aggregates need: their snapshot triggers, the lookups their handlers are
 * given, and the start-up load of the Decision 90/QD-TTg structure (property
 * {@code povertyledger.programme.load-reference-on-start}, on unless set to {@code false}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class ProgrammeCommandConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProgrammeCommandConfiguration.class);

    /** Events after which a programme or an allocation is snapshotted. */
    static final int SNAPSHOT_THRESHOLD = 100;

    @Bean
    SnapshotTriggerDefinition programmeSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_THRESHOLD);
    }

    @Bean
    SnapshotTriggerDefinition allocationSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_THRESHOLD);
    }

    /** Sub-projects as the programme aggregate knows them, for allocations. */
    @Bean
    SubProjectLookup subProjectLookup(ObjectProvider<Configuration> axonConfiguration) {
        return RepositorySubProjectLookup.of(axonConfiguration::getObject);
    }

    /** Allocations and households by the first event of their stream, for benefits and outputs. */
    @Bean
    LedgerStreamLookups ledgerStreamLookups(ObjectProvider<EventStore> eventStore) {
        return new LedgerStreamLookups(eventStore::getObject);
    }

    /**
     * Loads the reference structure when the application has started; a structure already in the ledger is left
     * as it is (the load is idempotent), so this costs a few refused commands on every later start.
     */
    @Bean
    @ConditionalOnProperty(name = "povertyledger.programme.load-reference-on-start", havingValue = "true",
            matchIfMissing = true)
    ApplicationRunner referenceStructureOnStart(CommandGateway gateway) {
        return arguments -> {
            ReferenceStructureLoader.LoadReport report = ReferenceStructureLoader.loadAsSystem(gateway);
            if (!report.registered().isEmpty()) {
                log.info("Registered the Decision 90/QD-TTg structure of programme {}: {}", report.programmeCode(),
                        report.registered());
            }
        };
    }
}
