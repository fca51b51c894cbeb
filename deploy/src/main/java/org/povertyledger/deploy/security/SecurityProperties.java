package org.povertyledger.deploy.security;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users, their roles and unit scopes, and the bearer-token (JWT) sign-in. Passwords may carry a Spring Security
 * encoder prefix ({@code {bcrypt}...}); a password without one is taken as plain text.
 *
 * @param users the configured users (HTTP Basic)
 * @param jwt bearer tokens from an identity provider; off unless enabled
 */
@ConfigurationProperties(prefix = "povertyledger.security")
public record SecurityProperties(List<User> users, Jwt jwt) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        jwt = jwt == null ? new Jwt(false, null, null, null, null, null, null) : jwt;
    }

    /**
     * One user: name, password, roles among OFFICER, AUDITOR, INTEGRATOR, ADMIN, and the administrative units
     * (province, district or commune codes, or {@code *} for the whole country) the user reads and writes.
     */
    public record User(String username, String password, List<Role> roles, List<String> scope) {
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
            scope = scope == null ? List.of() : List.copyOf(scope);
        }
    }

    /**
     * Bearer tokens. The signing keys come from {@code jwkSetUri} (http(s) or {@code file:}), a JWK set file, or
     * the provider's discovery document at {@code issuerUri}; {@code issuer} is the {@code iss} every token must
     * carry (defaults to {@code issuerUri}).
     *
     * @param rolesClaim the claim holding the role names (a list or a space-separated string)
     * @param scopeClaim the claim holding the unit codes ({@code *} for national)
     */
    public record Jwt(Boolean enabled, String issuer, String issuerUri, String jwkSetUri, Path jwkSetFile,
                      String rolesClaim, String scopeClaim) {
        public Jwt {
            enabled = enabled != null && enabled;
            issuer = blank(issuer) ? issuerUri : issuer;
            rolesClaim = blank(rolesClaim) ? "roles" : rolesClaim;
            scopeClaim = blank(scopeClaim) ? "units" : scopeClaim;
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    /** The roles of the service. */
    public enum Role {
        OFFICER, AUDITOR, INTEGRATOR, ADMIN
    }
}
