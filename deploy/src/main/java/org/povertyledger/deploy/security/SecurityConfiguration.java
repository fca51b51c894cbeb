package org.povertyledger.deploy.security;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic with users from configuration. Reads need any role; writes need OFFICER or ADMIN; the integrator
 * feed ({@code /api/feed/**}, reads and subscription changes alike) needs INTEGRATOR or ADMIN.
 * Under the {@code prod} profile the service refuses to start while a demo account is configured.
 */
@Configuration(proxyBeanMethods = false)
// The command-line tools (bench, bench-import, import) start without a web server and need no HTTP security.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final Set<String> DEMO_USERS = Set.of("officer", "auditor", "integrator", "admin");

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        String[] anyRole = {"OFFICER", "AUDITOR", "INTEGRATOR", "ADMIN"};
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"PovertyLedger\"");
                    write(json, response, HttpStatus.UNAUTHORIZED, "authentication required (HTTP Basic)");
                }))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Basic realm=\"PovertyLedger\"");
                            write(json, response, HttpStatus.UNAUTHORIZED, "authentication required (HTTP Basic)");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                write(json, response, HttpStatus.FORBIDDEN, "your role may not do this")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        // integrator feed: reading it and managing webhook subscriptions
                        .requestMatchers("/api/feed", "/api/feed/**").hasAnyRole("INTEGRATOR", "ADMIN")
                        // right to erasure: destroys a household's data key
                        .requestMatchers(HttpMethod.POST, "/api/households/*/erasure").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(anyRole)
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole(anyRole)
                        .requestMatchers("/api/**").hasAnyRole("OFFICER", "ADMIN")
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(SecurityProperties properties, Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of("prod"));
        List<UserDetails> users = properties.users().stream().map(user -> {
            if (user.username() == null || user.username().isBlank() || user.password() == null || user.password().isBlank()) {
                throw new IllegalStateException("every configured user needs a username and a password");
            }
            if (production && (DEMO_USERS.contains(user.username()) || user.username().equals(plain(user.password())))) {
                throw new IllegalStateException("the prod profile refuses to start while the demo user '"
                        + user.username() + "' is configured; configure your own users (povertyledger.security.users)");
            }
            String password = user.password().startsWith("{") ? user.password() : "{noop}" + user.password();
            return User.withUsername(user.username())
                    .password(password)
                    .roles(user.roles().stream().map(Enum::name).toArray(String[]::new))
                    .build();
        }).toList();
        return new InMemoryUserDetailsManager(users);
    }

    private static String plain(String password) {
        return password.startsWith("{noop}") ? password.substring("{noop}".length()) : password;
    }

    private static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", status == HttpStatus.UNAUTHORIZED ? "UNAUTHENTICATED" : "FORBIDDEN");
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
