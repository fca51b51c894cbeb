package org.povertyledger.deploy.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.povertyledger.command.web.IdempotencyFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Servlet filters of the HTTP edge. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

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
