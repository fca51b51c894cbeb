package org.povertyledger.deploy.config;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.povertyledger.command.ledger.LedgerEventStore;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.PayloadProtection;
import org.povertyledger.command.web.CommandReceiptInterceptor;
import org.povertyledger.deploy.cluster.ClusterProperties;
import org.povertyledger.query.support.ReadModelVersion;
import org.povertyledger.query.support.ReadModelVersions;
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
                                                MeterRegistry meterRegistry,
                                                PayloadProtection payloadProtection) {
        MongoLedgerStorageEngine engine = MongoLedgerStorageEngine.builder()
                .database(database)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters))
                .meterRegistry(meterRegistry)
                .payloadProtection(payloadProtection)
                .batchSize(100)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /** The thread that sends commands again after a concurrent append; closed with the context. */
    /**
     * The event store over the ledger, without Axon's shared read-ahead cache ({@code optimizeEventConsumption}):
     * that cache links every event read ahead for tailing processors, and a processor that falls behind a burst of
     * appends (an import, a benchmark, a replay racing new writes) keeps the whole chain from its position to the
     * head reachable: 350,000 events filled a 512 MB heap. Each reader streams the ledger itself instead (exact
     * {@code _id} lookups) and sees new events when it looks again, not by being woken: the pooled processors
     * re-read when their stream runs dry, the feed's waiting readers look every 200 ms ({@code FeedReader}).
     */
    @Bean
    LedgerEventStore eventStore(MongoLedgerStorageEngine storageEngine,
                                org.axonframework.config.Configuration configuration) {
        return new LedgerEventStore(EmbeddedEventStore.builder()
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(false), storageEngine);
    }

    @Bean(destroyMethod = "close")
    CommandRetryExecutor commandRetryExecutor() {
        return new CommandRetryExecutor(Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /**
     * The gateway every command goes through. A command that lost a race for an aggregate to another node is sent
     * again (up to {@code povertyledger.commands.conflict-retries} times, {@code retry-interval-ms} apart; 0 turns
     * retries off) and decided on the new state; see {@link ConflictRetryScheduler} and README, Decision 5.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, CommandRetryExecutor commandRetryExecutor,
                                  @Value("${povertyledger.commands.conflict-retries:8}") int retries,
                                  @Value("${povertyledger.commands.retry-interval-ms:20}") int intervalMillis) {
        DefaultCommandGateway.Builder gateway = DefaultCommandGateway.builder().commandBus(commandBus);
        if (retries > 0) {
            gateway.retryScheduler(new ConflictRetryScheduler(IntervalRetryScheduler.builder()
                    .retryExecutor(commandRetryExecutor.executor())
                    .maxRetryCount(retries)
                    .retryInterval(intervalMillis)));
        }
        return gateway.build();
    }

    /** Holds the retry thread, so that it is not offered to others as a general-purpose scheduler bean. */
    record CommandRetryExecutor(ScheduledExecutorService executor) implements AutoCloseable {
        @Override
        public void close() {
            executor.shutdownNow();
        }
    }

    /**
     * Tokens and segment claims in the shared store, owned by this node's id: a claim not extended within
     * {@code povertyledger.cluster.claim-timeout} is free for another node (see docs/operations.md, Decision 45).
     */
    @Bean
    TokenStore tokenStore(MongoDatabase database, Serializer serializer, ClusterProperties cluster) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .serializer(serializer)
                .nodeId(cluster.nodeId())
                .claimTimeout(cluster.claimTimeout())
                .build();
    }

    /** correlationId: the request's id, kept by every message it causes; causationId: the direct parent. */
    /** Rebuilds, before the processors start, every read model whose declared version its store does not hold. */
    @Bean
    ReadModelVersions readModelVersions(MongoDatabase database, List<ReadModelVersion> versions) {
        return new ReadModelVersions(database, versions);
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return notForEvents(new MessageOriginProvider(MetadataKeys.CAUSATION_ID, MetadataKeys.CORRELATION_ID));
    }

    @Bean
    CorrelationDataProvider ledgerMetadataProvider() {
        return notForEvents(new SimpleCorrelationDataProvider(MetadataKeys.PROPAGATED.toArray(String[]::new)));
    }

    /**
     * Correlation data is what a handled message hands on to the messages its handler sends. Only command handlers
     * send anything here (no event handler sends a command, an event or a query update, and there are no sagas or
     * deadlines), so a unit of work that handles an event gets none. Without this, every event a projection
     * handles had its metadata deserialised twice (for the unit of work and for the handler's result message),
     * about a quarter of a catch-up's time.
     */
    static CorrelationDataProvider notForEvents(CorrelationDataProvider provider) {
        return message -> message instanceof EventMessage<?> ? Map.of() : provider.correlationDataFor(message);
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
    ConfigurerModule pooledProcessors(@Value("${povertyledger.processors.batch-size:1000}") int batchSize,
                                      ClusterProperties cluster) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            processing.usingPooledStreamingEventProcessors(
                    (config, builder) -> builder.batchSize(batchSize).initialSegmentCount(2)
                            .tokenClaimInterval(cluster.tokenClaimInterval().toMillis())
                            .claimExtensionThreshold(cluster.claimExtensionThreshold().toMillis()));
        };
    }
}
