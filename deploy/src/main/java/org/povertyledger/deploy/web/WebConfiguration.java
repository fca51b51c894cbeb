package org.povertyledger.deploy.web;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.povertyledger.command.web.ProblemResponses;
import org.povertyledger.shared.common.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.core.env.Environment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.povertyledger.command.web.IdempotencyFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Servlet filters of the HTTP edge. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Tomcat's own refusals (before any filter runs) as problem+json instead of its HTML report. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /**
     * Spring Security's firewall refuses URLs that are not normalised or carry encoded separators ({@code %2F},
     * {@code %25}, {@code %00}, {@code ;}); the refusal is problem+json like every other.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper objectMapper) {
        return (request, response, rejected) -> ProblemResponses.write(objectMapper, response, HttpStatus.BAD_REQUEST,
                ErrorCode.VALIDATION_FAILED, "path", "normalised-url",
                "the request URL is not permitted (not normalised, or an encoded separator or control character)");
    }

    /**
     * The rate limits' buckets: in the store when nodes may share it (a store URI is configured), so that a limit
     * holds across nodes; in memory with the embedded store, which only one service process opens.
     * {@code povertyledger.limits.buckets} = {@code auto} (default), {@code store} or {@code memory}.
     */
    @Bean
    RateLimitBuckets rateLimitBuckets(Environment environment, MongoDatabase database) {
        String where = environment.getProperty("povertyledger.limits.buckets", "auto").strip();
        boolean store = switch (where) {
            case "store" -> true;
            case "memory" -> false;
            case "auto" -> !environment.getProperty("povertyledger.mongodb.uri", "").isBlank();
            default -> throw new IllegalStateException(
                    "povertyledger.limits.buckets must be auto, store or memory, was " + where);
        };
        return store ? new StoreRateLimitBuckets(database) : new LocalRateLimitBuckets();
    }

    /** Failed sign-ins per user name and per address (see {@link FailedLoginLimit}); wired into Spring Security. */
    @Bean
    @ConditionalOnProperty(name = "povertyledger.limits.enabled", havingValue = "true", matchIfMissing = true)
    FailedLoginLimit failedLoginLimit(ObjectMapper objectMapper, MeterRegistry meters, RateLimitBuckets buckets,
                                      Environment environment) {
        String prefix = "povertyledger.limits.logins.";
        return new FailedLoginLimit(objectMapper, meters, buckets,
                environment.getProperty(prefix + "per-user", Long.class, 10L),
                environment.getProperty(prefix + "per-address", Long.class, 100L),
                environment.getProperty(prefix + "period", Duration.class, Duration.ofMinutes(15)));
    }

    /** After Spring Security (the user is known), before the idempotency filter: a refused request writes nothing. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(ObjectMapper objectMapper, MeterRegistry meters,
                                                            Environment environment, RateLimitBuckets buckets) {
        Map<RateLimitFilter.Kind, RateLimitFilter.Limit> limits = new EnumMap<>(RateLimitFilter.Kind.class);
        if (environment.getProperty("povertyledger.limits.enabled", Boolean.class, true)) {
            limits.put(RateLimitFilter.Kind.WRITES, limit(environment, "writes", 6000, 12000));
            limits.put(RateLimitFilter.Kind.IMPORTS, limit(environment, "imports", 60, 120));
            limits.put(RateLimitFilter.Kind.FEED, limit(environment, "feed", 12000, 24000));
        }
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(objectMapper, limits, meters, buckets));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
        return registration;
    }

    private static RateLimitFilter.Limit limit(Environment environment, String kind, long perUser, long perAddress) {
        String prefix = "povertyledger.limits." + kind + ".";
        return new RateLimitFilter.Limit(
                environment.getProperty(prefix + "per-user", Long.class, perUser),
                environment.getProperty(prefix + "per-address", Long.class, perAddress),
                environment.getProperty(prefix + "period", Duration.class, Duration.ofMinutes(1)));
    }

    /** Runs after Spring Security (which sits at order -100), so the key is scoped to the authenticated user. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(MongoDatabase database, ObjectMapper objectMapper,
                                                                @Value("${povertyledger.http.max-body-bytes:65536}") int maxBodyBytes) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(database, objectMapper, maxBodyBytes,
                        // bulk import: uploads stream to disk; the import keeps the key with the file's SHA-256
                        java.util.List.of("/api/imports")));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
