package org.povertyledger.deploy.security;

import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.povertyledger.query.geography.GeographyScopes;
import org.povertyledger.shared.access.AccessScope;
import org.povertyledger.shared.access.UnitScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The scope of the authenticated user of the current request: the {@code UNIT_} grants of the authentication,
 * widened through the current map, computed once per request. Refusals become the counter
 * {@value #METRIC}{@code {reason, endpoint}} and one log line naming the user, the endpoint and the reason, never a
 * household, a person or a unit asked for.
 */
@Component
class RequestAccessScope implements AccessScope {

    static final String METRIC = "povertyledger.access.denied";
    private static final Logger log = LoggerFactory.getLogger("povertyledger.access");
    private static final String ATTRIBUTE = RequestAccessScope.class.getName() + ".scope";

    private final ObjectProvider<GeographyScopes> geography;
    private final MeterRegistry meters;

    RequestAccessScope(ObjectProvider<GeographyScopes> geography, MeterRegistry meters) {
        this.geography = geography;
        this.meters = meters;
    }

    @Override
    public UnitScope current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return UnitScope.none();
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof UnitScope cached) {
            return cached;
        }
        UnitScope scope = resolve(UnitGrants.of(authentication));
        if (request != null) {
            request.setAttribute(ATTRIBUTE, scope, RequestAttributes.SCOPE_REQUEST);
        }
        return scope;
    }

    private UnitScope resolve(Set<String> grants) {
        GeographyScopes scopes = geography.getIfAvailable();
        if (scopes != null) {
            return scopes.resolve(grants);
        }
        // A node without the read side has no map: grants cover exactly the codes granted.
        return grants.contains(UnitScope.NATIONAL_GRANT) ? UnitScope.nationalScope() : UnitScope.of(grants);
    }

    @Override
    public void denied(String reason, String endpoint) {
        count(meters, reason, endpoint);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        log.info("access refused: user={} endpoint={} reason={}",
                authentication == null ? "-" : authentication.getName(), endpoint, reason);
    }

    static void count(MeterRegistry meters, String reason, String endpoint) {
        Counter.builder(METRIC)
                .description("requests refused or filtered for want of authentication, role or unit scope")
                .tag("reason", reason)
                .tag("endpoint", endpoint)
                .register(meters)
                .increment();
    }
}
