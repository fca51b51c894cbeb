package org.povertyledger.deploy.config;

import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.web.CommandReceiptInterceptor;
import org.povertyledger.shared.common.MetadataKeys;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon without Axon Server: our own storage engine, Jackson serialization with a mapper owned by the
 * ledger (independent of the HTTP mapper), tokens in MongoDB, pooled streaming processors, and the
 * metadata every event must carry.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /** The mapper that defines the stored JSON of events: changing it changes the ledger's bytes. */
    static ObjectMapper ledgerObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new ValueObjectModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(ledgerObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(ledgerObjectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(ledgerObjectMapper()).build();
    }

    @Bean
    MongoLedgerStorageEngine eventStorageEngine(MongoDatabase database,
                                                @Qualifier("eventSerializer") Serializer eventSerializer,
                                                Serializer serializer,
                                                List<EventUpcaster> upcasters,
                                                MeterRegistry meterRegistry) {
        MongoLedgerStorageEngine engine = MongoLedgerStorageEngine.builder()
                .database(database)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters))
                .meterRegistry(meterRegistry)
                .batchSize(100)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    @Bean
    TokenStore tokenStore(MongoDatabase database, Serializer serializer) {
        MongoTokenStore tokenStore = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .serializer(serializer)
                .build();
        return tokenStore;
    }

    /** correlationId: the request's id, kept by every message it causes; causationId: the direct parent. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider(MetadataKeys.CAUSATION_ID, MetadataKeys.CORRELATION_ID);
    }

    @Bean
    CorrelationDataProvider ledgerMetadataProvider() {
        return new SimpleCorrelationDataProvider(MetadataKeys.PROPAGATED.toArray(String[]::new));
    }

    @Bean
    ConfigurerModule commandReceipts() {
        return configurer -> configurer.onInitialize(config -> config.onStart(() -> {
            CommandBus bus = config.commandBus();
            bus.registerHandlerInterceptor(new CommandReceiptInterceptor());
        }));
    }

    @Bean
    ConfigurerModule recordedAtMetadata() {
        return configurer -> configurer.onInitialize(config -> config.onStart(() ->
                config.eventBus().registerDispatchInterceptor(messages -> (index, message) ->
                        message.andMetaData(java.util.Map.of(MetadataKeys.RECORDED_AT, message.getTimestamp().toString())))));
    }

    @Bean
    ConfigurerModule pooledProcessors(@Value("${povertyledger.processors.batch-size:1000}") int batchSize) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            processing.usingPooledStreamingEventProcessors(
                    (config, builder) -> builder.batchSize(batchSize).initialSegmentCount(2));
        };
    }
}
