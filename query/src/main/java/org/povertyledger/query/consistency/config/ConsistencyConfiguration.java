package org.povertyledger.query.consistency.config;

import java.time.Duration;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.povertyledger.query.consistency.ConsistencyGate;
import org.povertyledger.query.consistency.ConsistencyInterceptor;
import org.povertyledger.query.consistency.ProjectionProgress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires read-your-writes: the gate ({@code povertyledger.consistency.max-wait}, default 5 s), a handler
 * interceptor on every event processor that wakes waiting readers when a batch commits, and the web interceptor.
 */
@Configuration(proxyBeanMethods = false)
public class ConsistencyConfiguration {

    private static final String SIGNALLED = ConsistencyConfiguration.class.getName() + ".signalled";

    @Bean
    public ConsistencyGate consistencyGate(@Lazy EventProcessingConfiguration processing,
                                           EventStorageEngine storageEngine,
                                           @Value("${povertyledger.consistency.max-wait:5s}") Duration maxWait) {
        return new ConsistencyGate(new ProjectionProgress(processing), () -> {
            TrackingToken head = storageEngine.createHeadToken();
            return head == null ? 0 : head.position().orElse(0);
        }, maxWait);
    }

    /** One wake-up per committed batch (the interceptor runs per event; the first registers the signal). */
    @Bean
    public ConfigurerModule consistencySignals(@Lazy ConsistencyGate gate) {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor((config, name) ->
                (MessageHandlerInterceptor<EventMessage<?>>) (unitOfWork, chain) -> {
                    var root = unitOfWork.root();
                    if (!root.resources().containsKey(SIGNALLED)) {
                        root.resources().put(SIGNALLED, Boolean.TRUE);
                        root.afterCommit(committed -> gate.progressed());
                    }
                    return chain.proceed();
                });
    }

    @Bean
    public WebMvcConfigurer consistencyInterceptor(ConsistencyGate gate) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new ConsistencyInterceptor(gate)).addPathPatterns("/api/**");
            }
        };
    }
}
