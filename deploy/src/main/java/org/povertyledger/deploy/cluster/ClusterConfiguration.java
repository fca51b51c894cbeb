package org.povertyledger.deploy.cluster;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.SubscribableMessageSource;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.shared.common.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Several nodes on one store: the roles of this node ({@code povertyledger.roles}), the processors that run here, the
 * endpoints that answer here, the node registry and segment balancing, and the per-segment metrics and readiness.
 * See docs/operations.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterConfiguration {

    /** Processor that holds, inert, the handlers of every group this node does not run. */
    static final String NOT_ON_THIS_NODE = "not-on-this-node";

    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);

    @Bean
    NodeRoles nodeRoles(Environment environment) {
        NodeRoles roles = NodeRoles.from(environment);
        log.info("Node roles: {}", roles);
        return roles;
    }

    /**
     * Handlers of groups this node does not run go to one subscribing processor on a source that never publishes:
     * no processor, no token claim and no read-model write for them here. Their groups' own processors are then never
     * built, so nothing else (rebuilds on a version change, lag metrics) sees them on this node either.
     */
    @Bean
    ConfigurerModule processorsOfThisNode(NodeRoles roles) {
        SubscribableMessageSource<EventMessage<?>> silent = handler -> () -> true;
        return configurer -> configurer.eventProcessing(processing -> processing
                .assignHandlerInstancesMatching(NOT_ON_THIS_NODE, Integer.MAX_VALUE,
                        handler -> !roles.runsGroup(processingGroupOf(handler)))
                .registerSubscribingEventProcessor(NOT_ON_THIS_NODE, c -> silent));
    }

    static String processingGroupOf(Object handler) {
        Class<?> type = AopUtils.getTargetClass(handler);
        ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
        return group != null ? group.value() : type.getPackageName();
    }

    /**
     * Counts the events each processor handles on this node and the handler failures, by processor; Axon's own
     * meters carry the processor in the meter name, which a dashboard cannot aggregate over.
     */
    @Bean
    ConfigurerModule processorEventCounters(MeterRegistry registry) {
        Map<String, Counter[]> counters = new ConcurrentHashMap<>();
        return configurer -> configurer.eventProcessing(processing -> processing.registerDefaultHandlerInterceptor(
                (config, name) -> {
                    Counter[] pair = counters.computeIfAbsent(name, n -> new Counter[] {
                            Counter.builder("povertyledger.processor.events").tag("processor", n)
                                    .description("events handled by the processor's segments on this node")
                                    .register(registry),
                            Counter.builder("povertyledger.processor.errors").tag("processor", n)
                                    .description("events whose handling failed (the batch is retried)")
                                    .register(registry)});
                    MessageHandlerInterceptor<EventMessage<?>> counting = (unitOfWork, chain) -> {
                        try {
                            Object result = chain.proceed();
                            pair[0].increment();
                            return result;
                        } catch (Exception e) {
                            pair[1].increment();
                            throw e;
                        }
                    };
                    return counting;
                }));
    }

    /** Answers a request for an endpoint of a role this node does not have; see Decision 44. */
    @Bean
    WebMvcConfigurer roleOfEndpoints(NodeRoles roles, ObjectMapper objectMapper) {
        HandlerInterceptor interceptor = new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws IOException {
                if (!(handler instanceof HandlerMethod method)) {
                    return true;
                }
                NodeRole needed = NodeRoles.roleOfHandler(method.getBeanType());
                if (needed == null || roles.has(needed)) {
                    return true;
                }
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        request.getMethod() + " " + request.getRequestURI() + " is served by nodes with role '"
                                + needed.id() + "'; this node runs " + roles);
                problem.setTitle(HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
                problem.setProperty("code", ErrorCode.ROLE_NOT_ON_THIS_NODE.name());
                problem.setProperty("rule", "node-role:" + needed.id());
                problem.setProperty("requiredRole", needed.id());
                problem.setProperty("nodeRoles", roles.roles().stream().map(NodeRole::id).toList());
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                objectMapper.writeValue(response.getOutputStream(), problem);
                return false;
            }
        };
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor);
            }
        };
    }

    @Bean
    ClusterMembership clusterMembership(MongoDatabase database, ClusterProperties properties, NodeRoles roles,
                                        MeterRegistry registry) {
        ClusterMembership membership = new ClusterMembership(database, properties.nodeId(), roles,
                properties.claimTimeout(), Clock.systemUTC());
        membership.heartbeat();
        for (NodeRole role : NodeRole.values()) {
            Gauge.builder("povertyledger.cluster.nodes", membership, m -> m.alive(role)).tag("role", role.id())
                    .description("live nodes with the role, by their heartbeats in the store").register(registry);
        }
        return membership;
    }

    @Bean
    ProcessorWatch processorWatch(EventProcessingConfiguration processing, MongoLedgerStorageEngine engine,
                                  TokenStore tokenStore, MeterRegistry registry) {
        return new ProcessorWatch(processing, engine, tokenStore, registry, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    ClusterTick clusterTick(ClusterMembership membership, EventProcessingConfiguration processing,
                            TokenStore tokenStore, ClusterProperties properties, ProcessorWatch watch) {
        return new ClusterTick(membership, new SegmentBalancer(processing, tokenStore, membership, properties), watch,
                properties);
    }

    /**
     * Readiness: DOWN while one of this node's segments rebuilds a read model (a replay that has not reached the
     * head) or is more than {@code povertyledger.health.max-lag-events} behind the head, or in error.
     */
    @Bean
    HealthIndicator processorsHealthIndicator(ProcessorWatch watch,
                                              @Value("${povertyledger.health.max-lag-events:10000}") long maxLag) {
        return () -> {
            boolean up = true;
            Map<String, Object> details = new LinkedHashMap<>();
            for (ProcessorWatch.SegmentState segment : watch.segments()) {
                String state = segment.error() ? "error" : segment.rebuilding() ? "rebuilding"
                        : segment.lagEvents() > maxLag ? "lagging" : "ok";
                up &= state.equals("ok");
                details.put(segment.processor() + "/" + segment.segment(), Map.of("state", state,
                        "position", segment.position(), "lagEvents", segment.lagEvents(),
                        "lagSeconds", segment.lagSeconds()));
            }
            return (up ? Health.up() : Health.down()).withDetail("head", watch.head())
                    .withDetail("maxLagEvents", maxLag).withDetail("segments", details).build();
        };
    }

    /** The node's periodic work: heartbeat, balancing, metrics. One daemon thread; a failed round is retried. */
    static final class ClusterTick implements AutoCloseable {
        private final ClusterMembership membership;
        private final SegmentBalancer balancer;
        private final ProcessorWatch watch;
        private final ClusterProperties properties;
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "cluster-tick");
            thread.setDaemon(true);
            return thread;
        });

        ClusterTick(ClusterMembership membership, SegmentBalancer balancer, ProcessorWatch watch,
                    ClusterProperties properties) {
            this.membership = membership;
            this.balancer = balancer;
            this.watch = watch;
            this.properties = properties;
        }

        /** Starts once the processors run; before that there is nothing to balance or watch. */
        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            long interval = properties.balanceInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::round, 0, interval, TimeUnit.MILLISECONDS);
        }

        void round() {
            for (Runnable step : List.<Runnable>of(membership::heartbeat, balancer::balance, watch::refresh)) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    log.warn("cluster tick step failed; retried next round", e);
                }
            }
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
            membership.leave();
        }
    }
}
