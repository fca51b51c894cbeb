package org.povertyledger.deploy.security;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A user's unit grants travel as authorities {@code UNIT_<code>} next to the {@code ROLE_} ones, whichever way the
 * user signed in (configured user or token claim), so the rest of the service reads them in one way.
 */
final class UnitGrants {

    static final String PREFIX = "UNIT_";

    private UnitGrants() {
    }

    static GrantedAuthority authority(String grant) {
        return new SimpleGrantedAuthority(PREFIX + grant.strip());
    }

    /** The grants among the user's authorities, as written in configuration ({@code *} for national). */
    static Set<String> of(Authentication authentication) {
        return of(authentication.getAuthorities());
    }

    static Set<String> of(Collection<? extends GrantedAuthority> authorities) {
        Set<String> grants = new TreeSet<>();
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                grants.add(name.substring(PREFIX.length()));
            }
        }
        return grants;
    }
}
