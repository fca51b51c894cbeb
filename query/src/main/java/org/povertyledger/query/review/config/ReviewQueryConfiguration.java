package org.povertyledger.query.review.config;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.povertyledger.query.review.ReviewPeriodReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The review-period reader of the read API. */
@Configuration(proxyBeanMethods = false)
public class ReviewQueryConfiguration {

    @Bean
    public ReviewPeriodReader reviewPeriodReader(EventStorageEngine engine) {
        return new ReviewPeriodReader(engine);
    }
}
