package org.povertyledger.deploy.deadletter;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dead-letter queues for the processing groups named in {@code povertyledger.dead-letters.processing-groups},
 * stored in the {@value #COLLECTION} collection through the Axon MongoDB extension. A handler that throws parks
 * the event (and the later events of the same aggregate, which must not overtake it) and the processor goes on
 * with the others; without a queue Axon's default logs the failure and moves past the event, so the read model
 * silently misses it. Each queue's size is the gauge {@value #METRIC} tagged with the group; the admin API lists
 * and retries what is parked (see {@link DeadLetterController}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadLetterProperties.class)
class DeadLetterConfiguration {

    static final String COLLECTION = "dead_letters";
    static final String METRIC = "projection.dead.letters";

    @Bean
    ConfigurerModule deadLetterQueues(DeadLetterProperties properties, MongoDatabase database, Serializer serializer) {
        return configurer -> {
            for (String group : properties.processingGroups()) {
                configurer.eventProcessing()
                        .registerDeadLetterQueue(group, config -> queue(group, properties, database, serializer))
                        // Without the cache every event handled asks the store whether its aggregate is parked.
                        // A rebuild from the log re-reads the parked events, so a reset may empty the queue.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group, (config, invoker) -> invoker
                                .enableSequenceIdentifierCache()
                                .allowReset(true));
            }
        };
    }

    private static SequencedDeadLetterQueue<org.axonframework.eventhandling.EventMessage<?>> queue(
            String group, DeadLetterProperties properties, MongoDatabase database, Serializer serializer) {
        return MongoSequencedDeadLetterQueue.builder()
                .processingGroup(group)
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database)
                        .deadLetterCollectionName(COLLECTION).build())
                .serializer(serializer)
                .maxSequences(properties.maxSequences())
                .maxSequenceSize(properties.maxSequenceSize())
                .claimDuration(properties.claimDuration())
                // Each parked event is one document; the queue's own writes need no transaction to stay whole.
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> deadLetterGauges(DeadLetterProperties properties,
                                                                EventProcessingConfiguration processing,
                                                                MeterRegistry registry) {
        return ready -> {
            for (String group : properties.processingGroups()) {
                processing.deadLetterQueue(group).ifPresent(queue -> Gauge.builder(METRIC, queue,
                                SequencedDeadLetterQueue::size)
                        .description("events a processing group failed on and parked, waiting for a retry")
                        .tag("group", group)
                        .register(registry));
            }
        };
    }
}
