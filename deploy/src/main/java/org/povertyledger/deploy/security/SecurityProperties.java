package org.povertyledger.deploy.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users and their roles. Passwords may carry a Spring Security encoder prefix ({@code {bcrypt}...});
 * a password without one is taken as plain text.
 */
@ConfigurationProperties(prefix = "povertyledger.security")
public record SecurityProperties(List<User> users) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** One user: name, password and roles among OFFICER, AUDITOR, INTEGRATOR, ADMIN. */
    public record User(String username, String password, List<Role> roles) {
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    /** The roles of the service. */
    public enum Role {
        OFFICER, AUDITOR, INTEGRATOR, ADMIN
    }
}
