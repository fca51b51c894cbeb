package org.povertyledger.query.benefit.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.povertyledger.query.benefit.BenefitCoverageProjection;
import org.povertyledger.query.benefit.BenefitQueryHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoDatabase;

/**
 * The benefit read side: the coverage projection and its query handler. The pooled processor of group
 * {@value BenefitCoverageProjection#PROCESSING_GROUP} is configured by the application.
 */
@Configuration(proxyBeanMethods = false)
public class BenefitQueryConfiguration {

    @Bean
    public BenefitCoverageProjection benefitCoverageProjection(MongoDatabase database) {
        return new BenefitCoverageProjection(database);
    }

    @Bean
    public BenefitQueryHandler benefitQueryHandler(MongoDatabase database) {
        return new BenefitQueryHandler(database);
    }

    /** A failing handler fails its batch (rolled back and retried) instead of being skipped; see the household's. */
    @Bean
    public ConfigurerModule benefitProjectionErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                BenefitCoverageProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance()));
    }
}
