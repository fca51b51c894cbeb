package org.povertyledger.query.household.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.povertyledger.query.household.HouseholdHistoryProjection;
import org.povertyledger.query.household.HouseholdQueryHandler;
import org.povertyledger.query.household.HouseholdViewIndexes;
import org.povertyledger.query.household.HouseholdViewProjection;
import org.povertyledger.query.support.ReadModelVersion;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoDatabase;

/**
 * The household read side: both projections, the query handler and the list indexes, on the
 * application's {@link MongoDatabase}. Axon picks up the handler beans by their annotations; the event
 * processors for groups {@value HouseholdViewProjection#PROCESSING_GROUP} and
 * {@value HouseholdHistoryProjection#PROCESSING_GROUP} (pooled streaming, batch size) are configured by
 * the application.
 */
@Configuration(proxyBeanMethods = false)
public class HouseholdQueryConfiguration {

    @Bean
    public HouseholdViewIndexes householdViewIndexes(MongoDatabase database) {
        HouseholdViewIndexes indexes = new HouseholdViewIndexes(database);
        indexes.ensure();
        return indexes;
    }

    @Bean
    public HouseholdViewProjection householdViewProjection(MongoDatabase database) {
        return new HouseholdViewProjection(database);
    }

    @Bean
    public HouseholdHistoryProjection householdHistoryProjection(MongoDatabase database) {
        return new HouseholdHistoryProjection(database);
    }

    /** A history built before benefits and period exceptions were part of it is rebuilt on start. */
    @Bean
    public ReadModelVersion householdHistoryReadModelVersion() {
        return new ReadModelVersion(HouseholdHistoryProjection.PROCESSING_GROUP,
                HouseholdHistoryProjection.READ_MODEL_VERSION);
    }

    /** A view built before it kept the transitions is rebuilt on start. */
    @Bean
    public ReadModelVersion householdViewReadModelVersion() {
        return new ReadModelVersion(HouseholdViewProjection.PROCESSING_GROUP,
                HouseholdViewProjection.READ_MODEL_VERSION);
    }

    @Bean
    public HouseholdQueryHandler householdQueryHandler(MongoDatabase database) {
        return new HouseholdQueryHandler(database);
    }

    /**
     * A failing projection handler must fail its batch, not be logged and skipped: skipping would store
     * the token past an event the projection never applied. Rethrown, the batch is rolled back before its
     * token is stored and retried; the projection is idempotent, so the retry is safe.
     */
    @Bean
    public ConfigurerModule householdProjectionErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(HouseholdViewProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(HouseholdHistoryProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
