package org.povertyledger.query.indicator.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.povertyledger.query.geography.GeographyQueryHandler;
import org.povertyledger.query.geography.GeographyScopes;
import org.povertyledger.query.indicator.IndicatorProjection;
import org.povertyledger.query.indicator.IndicatorQueryHandler;
import org.povertyledger.query.support.PositionClock;
import org.povertyledger.query.support.ReadModelVersion;
import org.povertyledger.query.support.RecordedTimeIndex;
import org.povertyledger.query.support.ReferenceLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.mongodb.client.MongoDatabase;

/**
 * The indicator and geography read side: the projection, both query handlers, and the clock that turns an
 * {@code asKnownAt} time into a log position by asking the event store.
 *
 * <p>The projection's processor runs with <b>one segment</b> (counts of a commune are changed by many
 * households, so two segments would race on the same documents) and propagates handler errors, so a failed
 * batch is retried rather than skipped.
 */
@Configuration(proxyBeanMethods = false)
public class IndicatorQueryConfiguration {

    @Bean
    public IndicatorProjection indicatorProjection(MongoDatabase database) {
        return new IndicatorProjection(database);
    }

    @Bean
    public IndicatorQueryHandler indicatorQueryHandler(MongoDatabase database, PositionClock ledgerPositionClock) {
        return new IndicatorQueryHandler(database, ledgerPositionClock);
    }

    @Bean
    public GeographyQueryHandler geographyQueryHandler(MongoDatabase database, PositionClock ledgerPositionClock) {
        return new GeographyQueryHandler(new ReferenceLog(database, IndicatorProjection.REFERENCE), ledgerPositionClock);
    }

    /** Users' unit grants widened through the current map (see docs/access.md). */
    @Bean
    public GeographyScopes geographyScopes(GeographyQueryHandler geographyQueryHandler) {
        return new GeographyScopes(geographyQueryHandler);
    }

    /** A change of the indicator documents' meaning rebuilds them on the next start. */
    @Bean
    public ReadModelVersion indicatorReadModelVersion() {
        return new ReadModelVersion(IndicatorProjection.PROCESSING_GROUP, IndicatorProjection.READ_MODEL_VERSION);
    }

    /** Reads positions from the indicator read model's time index (a few _id reads, not a search of the log). */
    @Bean
    public PositionClock ledgerPositionClock(MongoDatabase database) {
        return new RecordedTimeIndex(database, IndicatorProjection.TIME_INDEX);
    }

    /**
     * One segment; batches of {@code axon.eventhandling.processors.indicators.batch-size} (default 500): a batch
     * costs a few round trips whatever its size, so larger batches catch up faster.
     */
    @Bean
    public ConfigurerModule indicatorProcessing(
            @Value("${axon.eventhandling.processors.indicators.batch-size:500}") int batchSize) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(IndicatorProjection.PROCESSING_GROUP,
                        (config, builder) -> builder.initialSegmentCount(1).batchSize(batchSize))
                .registerListenerInvocationErrorHandler(IndicatorProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
