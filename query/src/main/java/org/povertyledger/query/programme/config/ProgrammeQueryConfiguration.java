package org.povertyledger.query.programme.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.povertyledger.query.programme.FundingLedgerProjection;
import org.povertyledger.query.programme.ProgrammeOutputsProjection;
import org.povertyledger.query.programme.ProgrammeQueryHandler;
import org.povertyledger.query.programme.ProgrammeStructureProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

/**
 * The programme read side: three projections, their query handler and the indexes a real MongoDB uses for the
 * programme filters (the embedded server ignores non-unique indexes and scans; see README). The pooled processors
 * of the three processing groups are configured by the application.
 */
@Configuration(proxyBeanMethods = false)
public class ProgrammeQueryConfiguration {

    @Bean
    public ProgrammeStructureProjection programmeStructureProjection(MongoDatabase database) {
        return new ProgrammeStructureProjection(database);
    }

    @Bean
    public FundingLedgerProjection fundingLedgerProjection(MongoDatabase database) {
        MongoCollection<Document> allocations = database.getCollection(FundingLedgerProjection.COLLECTION);
        allocations.createIndex(Indexes.ascending("programmeCode"));
        return new FundingLedgerProjection(database);
    }

    @Bean
    public ProgrammeOutputsProjection programmeOutputsProjection(MongoDatabase database) {
        database.getCollection(ProgrammeOutputsProjection.COLLECTION).createIndex(Indexes.ascending("programmeCode"));
        return new ProgrammeOutputsProjection(database);
    }

    @Bean
    public ProgrammeQueryHandler programmeQueryHandler(MongoDatabase database) {
        return new ProgrammeQueryHandler(database);
    }

    /**
     * A failing handler must fail its batch rather than be logged and skipped (which would store the token past an
     * event never applied); the batch is rolled back and retried, which the idempotent projections allow.
     */
    @Bean
    public ConfigurerModule programmeProjectionErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : new String[] {ProgrammeStructureProjection.PROCESSING_GROUP,
                    FundingLedgerProjection.PROCESSING_GROUP, ProgrammeOutputsProjection.PROCESSING_GROUP}) {
                processing.registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance());
            }
        });
    }
}
