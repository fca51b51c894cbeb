package org.povertyledger.command.review.config;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.povertyledger.command.review.LedgerReviewPeriodLookup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The review-period check the household aggregate is given. */
@Configuration(proxyBeanMethods = false)
public class ReviewCommandConfiguration {

    @Bean
    LedgerReviewPeriodLookup reviewPeriodLookup(EventStorageEngine engine) {
        return new LedgerReviewPeriodLookup(engine);
    }
}
