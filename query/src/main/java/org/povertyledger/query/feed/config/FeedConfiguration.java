package org.povertyledger.query.feed.config;

import java.util.List;

import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.povertyledger.query.feed.FeedEncoder;
import org.povertyledger.query.feed.FeedReader;
import org.povertyledger.query.feed.FeedSchemas;
import org.povertyledger.query.feed.FeedSettings;
import org.povertyledger.query.feed.FeedStreams;
import org.povertyledger.query.feed.HouseholdUnits;
import org.povertyledger.query.feed.rabbitmq.RabbitFeedPublisher;
import org.povertyledger.query.geography.GeographyScopes;
import org.povertyledger.query.feed.webhook.DeliverySettings;
import org.povertyledger.query.feed.webhook.RetryPolicy;
import org.povertyledger.query.feed.webhook.WebhookDeliveryStore;
import org.povertyledger.query.feed.webhook.WebhookDispatcher;
import org.povertyledger.query.feed.webhook.WebhookSubscriptionProjection;
import org.povertyledger.query.feed.webhook.WebhookSubscriptionQueryHandler;
import org.povertyledger.shared.feed.value.WebhookAddressRule;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The integrator feed on the application's event store and database: reader, stream, schemas, the subscriptions
 * projection and query handler, the webhook dispatcher ({@code povertyledger.feed.webhooks.enabled}, on by
 * default) and the RabbitMQ publisher ({@code povertyledger.feed.rabbitmq.enabled}, off by default).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeedProperties.class)
public class FeedConfiguration {

    @Bean
    public HouseholdUnits householdUnits(EventStorageEngine storageEngine) {
        return new HouseholdUnits(storageEngine);
    }

    @Bean
    public FeedEncoder feedEncoder(FeedProperties properties, HouseholdUnits units) {
        return new FeedEncoder(URI.create(properties.source()), properties.schemaBase(), units);
    }

    @Bean
    public FeedReader feedReader(EventStorageEngine storageEngine, EventStore eventStore, FeedEncoder encoder) {
        return new FeedReader(storageEngine, eventStore, encoder);
    }

    @Bean
    public FeedSettings feedSettings(FeedProperties properties) {
        return new FeedSettings(properties.defaultLimit(), properties.maxLimit(), properties.maxScan(),
                properties.maxWait(), properties.sse().heartbeat(), properties.sse().maxDuration(),
                properties.sse().maxStreams());
    }

    @Bean(destroyMethod = "close")
    public FeedStreams feedStreams(FeedReader reader, FeedSettings settings) {
        return new FeedStreams(reader, settings);
    }

    @Bean
    public FeedSchemas feedSchemas(ObjectMapper objectMapper, FeedProperties properties) {
        return new FeedSchemas(objectMapper, properties.rabbitmq().exchange(), properties.source());
    }

    @Bean
    public WebhookSubscriptionProjection webhookSubscriptionProjection(MongoDatabase database) {
        return new WebhookSubscriptionProjection(database);
    }

    @Bean
    public WebhookDeliveryStore webhookDeliveryStore(MongoDatabase database) {
        return new WebhookDeliveryStore(database);
    }

    @Bean
    public WebhookSubscriptionQueryHandler webhookSubscriptionQueryHandler(MongoDatabase database,
                                                                           WebhookDeliveryStore store) {
        return new WebhookSubscriptionQueryHandler(database, store);
    }

    @Bean
    @ConditionalOnProperty(name = "povertyledger.feed.webhooks.enabled", havingValue = "true", matchIfMissing = true)
    public WebhookDispatcher webhookDispatcher(MongoDatabase database, WebhookDeliveryStore store, FeedReader reader,
                                               CommandGateway commands, WebhookAddressRule addressRule,
                                               FeedProperties properties,
                                               ObjectProvider<MeterRegistry> meterRegistry) {
        FeedProperties.Webhooks webhooks = properties.webhooks();
        return new WebhookDispatcher(database, store, reader, commands, addressRule, new DeliverySettings(
                webhooks.window(), webhooks.concurrency(), webhooks.timeout(), webhooks.pollInterval(),
                webhooks.maxDeadLetters(),
                new RetryPolicy(webhooks.maxAttempts(), webhooks.initialBackoff(), webhooks.maxBackoff())),
                meterRegistry.getIfAvailable());
    }

    @Bean
    @ConditionalOnProperty(name = "povertyledger.feed.rabbitmq.enabled", havingValue = "true")
    public RabbitFeedPublisher rabbitFeedPublisher(RabbitTemplate template, FeedEncoder encoder,
                                                   FeedProperties properties, GeographyScopes scopes) {
        List<String> grants = properties.rabbitmq().scope();
        return new RabbitFeedPublisher(template, encoder, properties.rabbitmq().exchange(),
                properties.rabbitmq().confirmTimeout().toMillis(), () -> scopes.resolve(grants));
    }

    /**
     * A failing handler fails its batch so that its token does not move past it: the subscriptions projection and
     * the RabbitMQ publisher rethrow, and the batch is retried. The publisher starts at the configured end.
     */
    @Bean
    public ConfigurerModule feedProcessing(FeedProperties properties) {
        boolean fromHead = "head".equalsIgnoreCase(properties.rabbitmq().start());
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerListenerInvocationErrorHandler(WebhookSubscriptionProjection.PROCESSING_GROUP,
                            c -> PropagatingErrorHandler.instance())
                    .registerListenerInvocationErrorHandler(RabbitFeedPublisher.PROCESSING_GROUP,
                            c -> PropagatingErrorHandler.instance());
            if (fromHead) {
                processing.registerPooledStreamingEventProcessorConfiguration(RabbitFeedPublisher.PROCESSING_GROUP,
                        (c, builder) -> builder.initialToken(source -> source.createHeadToken()));
            }
        });
    }
}
