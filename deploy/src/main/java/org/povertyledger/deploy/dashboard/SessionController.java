package org.povertyledger.deploy.dashboard;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is: the dashboard signs in by asking this with the credentials the user typed, and shows or hides
 * its pages by the roles answered. Any authenticated user may ask; nothing here is secret to its owner.
 */
@RestController
class SessionController {

    /** The signed-in user and their roles (without the {@code ROLE_} prefix). */
    record SessionView(String username, List<String> roles) {
    }

    @GetMapping("/api/me")
    SessionView me(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .sorted()
                .toList();
        return new SessionView(authentication.getName(), roles);
    }
}
