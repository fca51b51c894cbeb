package org.povertyledger.query.indicator.config;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.povertyledger.query.geography.GeographyQueryHandler;
import org.povertyledger.query.indicator.IndicatorProjection;
import org.povertyledger.query.indicator.IndicatorQueryHandler;
import org.povertyledger.query.support.PositionClock;
import org.povertyledger.query.support.ReferenceLog;
import org.springframework.beans.factory.ObjectProvider;
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

    /** Reads positions and times from the event store the processors stream from. */
    @Bean
    public PositionClock ledgerPositionClock(ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new PositionClock() {
            @Override
            public long positionAt(Instant time) {
                TrackingToken token = source().createTokenAt(time.plusNanos(1));
                return token == null ? 0 : token.position().orElse(0);
            }

            @Override
            public Instant timeAt(long position) {
                if (position <= 0) {
                    return null;
                }
                TrackingToken from = position == 1 ? null : new GlobalSequenceTrackingToken(position - 1);
                try (BlockingStream<TrackedEventMessage<?>> stream = source().openStream(from)) {
                    if (stream.hasNextAvailable(2, TimeUnit.SECONDS)) {
                        return stream.nextAvailable().getTimestamp();
                    }
                    return null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }

            @SuppressWarnings("unchecked")
            private StreamableMessageSource<TrackedEventMessage<?>> source() {
                return (StreamableMessageSource<TrackedEventMessage<?>>) axon.getObject().eventBus();
            }
        };
    }

    @Bean
    public ConfigurerModule indicatorProcessing() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(IndicatorProjection.PROCESSING_GROUP,
                        (config, builder) -> builder.initialSegmentCount(1))
                .registerListenerInvocationErrorHandler(IndicatorProjection.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
