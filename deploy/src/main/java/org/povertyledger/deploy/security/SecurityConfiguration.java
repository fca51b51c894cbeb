package org.povertyledger.deploy.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.povertyledger.shared.access.UnitScope;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.povertyledger.deploy.web.FailedLoginLimit;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Two ways to sign in, usable at once: HTTP Basic with users from configuration, and bearer
 * tokens (JWT) from an identity provider when {@code povertyledger.security.jwt.enabled}. Either way a user ends up
 * with {@code ROLE_} authorities and {@code UNIT_} grants (see {@link UnitGrants}). Reads need any role; writes need
 * OFFICER or ADMIN; the integrator feed ({@code /api/feed/**}, reads and subscription changes alike) needs
 * INTEGRATOR or ADMIN; the ledger ({@code /api/ledger/**}: verification, checkpoints, proofs, export) AUDITOR or
 * ADMIN, except its public key. Which units a request reaches is decided behind this, by {@link RequestAccessScope}.
 * Every 401 and 403 is counted like an out-of-scope attempt. Under the {@code prod} profile the service refuses to
 * start while a demo account is configured (see also {@link ProductionGuard}).
 */
@Configuration(proxyBeanMethods = false)
// The command-line tools (bench, bench-import, import) start without a web server and need no HTTP security.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final Set<String> DEMO_USERS = Set.of("officer", "commune", "district", "auditor", "integrator",
            "lak-integrator", "admin");

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json, SecurityProperties properties,
                                    MeterRegistry meters, ObjectProvider<JwtDecoder> jwtDecoder,
                                    ObjectProvider<FailedLoginLimit> failedLogins) throws Exception {
        String[] anyRole = {"OFFICER", "AUDITOR", "INTEGRATOR", "ADMIN"};
        FailedLoginLimit loginLimit = failedLogins.getIfAvailable();
        AuthenticationEntryPoint challenge = (request, response, e) -> {
            // credentials that were given and were wrong; a request without any is no sign-in attempt
            if (loginLimit != null && !(e instanceof InsufficientAuthenticationException)) {
                loginLimit.failed(request);
            }
            RequestAccessScope.count(meters, e instanceof OAuth2AuthenticationException ? "invalid-token"
                    : "unauthenticated", endpoint(request));
            if (e instanceof OAuth2AuthenticationException) {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            } else {
                challenge(request, response);
            }
            write(json, response, HttpStatus.UNAUTHORIZED, e instanceof OAuth2AuthenticationException
                    ? "the bearer token is not valid (signature, issuer or expiry)" : "authentication required");
        };
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(challenge))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(challenge)
                        .accessDeniedHandler((request, response, e) -> {
                            RequestAccessScope.count(meters, "role", endpoint(request));
                            write(json, response, HttpStatus.FORBIDDEN, "your role may not do this");
                        }))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        // the dashboard's static page and assets; every figure on it comes from the API
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/app/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        // operations: dead-letter queues of the projections
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        // integrator feed: reading it and managing webhook subscriptions
                        .requestMatchers("/api/feed", "/api/feed/**").hasAnyRole("INTEGRATOR", "ADMIN")
                        // opening a frozen review period for one household is an administrator's act
                        .requestMatchers(HttpMethod.POST, "/api/communes/*/reviews/*/exceptions").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/ledger/keys").permitAll()
                        .requestMatchers("/api/ledger", "/api/ledger/**").hasAnyRole("AUDITOR", "ADMIN")
                        // audit: decision replays, restatements, conformance
                        .requestMatchers("/api/audit", "/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/rulebooks", "/api/rulebooks/**").hasRole("ADMIN")
                        // right to erasure: destroys a household's data key
                        .requestMatchers(HttpMethod.POST, "/api/households/*/erasure").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(anyRole)
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole(anyRole)
                        .requestMatchers("/api/**").hasAnyRole("OFFICER", "ADMIN")
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll());
        if (loginLimit != null) {
            // before the Basic and bearer filters: an exhausted name or address is refused unchecked
            http.addFilterBefore(loginLimit.filter(), LogoutFilter.class);
        }
        if (properties.jwt().enabled()) {
            SecurityProperties.Jwt jwt = properties.jwt();
            http.oauth2ResourceServer(resource -> resource
                    .authenticationEntryPoint(challenge)
                    .jwt(token -> token.decoder(jwtDecoder.getObject())
                            .jwtAuthenticationConverter(new JwtGrants(jwt.rolesClaim(), jwt.scopeClaim()))));
        }
        return http.build();
    }

    @Bean
    @ConditionalOnProperty(name = "povertyledger.security.jwt.enabled", havingValue = "true")
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        return JwtGrants.decoder(properties.jwt());
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
            if (user.scope().isEmpty()) {
                throw new IllegalStateException("user '" + user.username() + "' has no scope; give it unit codes or "
                        + UnitScope.NATIONAL_GRANT + " (povertyledger.security.users[].scope)");
            }
            List<GrantedAuthority> authorities = new ArrayList<>();
            user.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
            for (String grant : user.scope()) {
                if (!JwtGrants.validGrant(grant)) {
                    throw new IllegalStateException("user '" + user.username() + "' has the scope entry '" + grant
                            + "', which is neither a unit code nor " + UnitScope.NATIONAL_GRANT);
                }
                authorities.add(UnitGrants.authority(grant));
            }
            String password = user.password().startsWith("{") ? user.password() : "{noop}" + user.password();
            return User.withUsername(user.username()).password(password).authorities(authorities).build();
        }).toList();
        return new InMemoryUserDetailsManager(users);
    }

    /** The metric's endpoint tag: the first two path segments ({@code /api/households}), never an id. */
    static String endpoint(HttpServletRequest request) {
        String[] parts = request.getRequestURI().split("/");
        return parts.length >= 3 ? "/" + parts[1] + "/" + parts[2] : request.getRequestURI();
    }

    private static String plain(String password) {
        return password.startsWith("{noop}") ? password.substring("{noop}".length()) : password;
    }

    /**
     * Asks for Basic credentials, except from the dashboard's own requests ({@code X-Requested-With:
     * XMLHttpRequest}): there the browser would answer the challenge with its own login dialog instead of letting
     * the page show its sign-in form.
     */
    private static void challenge(HttpServletRequest request, HttpServletResponse response) {
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"PovertyLedger\"");
        }
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
