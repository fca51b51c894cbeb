package org.povertyledger.command.review.config;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.povertyledger.command.review.LedgerReviewPeriodLookup;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The review-period check the household aggregate is given. */
@Configuration(proxyBeanMethods = false)
public class ReviewCommandConfiguration {

    @Bean
    LedgerReviewPeriodLookup reviewPeriodLookup(ObjectProvider<EventStore> eventStore) {
        return new LedgerReviewPeriodLookup(eventStore::getObject);
    }
}
