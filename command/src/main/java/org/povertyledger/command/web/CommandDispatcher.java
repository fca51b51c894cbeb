package org.povertyledger.command.web;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.povertyledger.shared.access.AccessScope;
import org.povertyledger.shared.common.MetadataKeys;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sends commands from the HTTP edge with the metadata every event must carry: the authenticated actor
 * and role, the idempotency key of the request, the correlation id, the legal basis, reason and
 * effective date. Each command is first checked against the user's unit scope ({@link CommandScopeGuard}).
 */
@Component
public class CommandDispatcher {

    /** Request header a client may use to correlate its own logs with the ledger's. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Pattern CORRELATION_SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final CommandGateway gateway;
    private final CommandScopeGuard scopeGuard;

    public CommandDispatcher(CommandGateway gateway, AccessScope access, EventStorageEngine ledger) {
        this.gateway = gateway;
        this.scopeGuard = new CommandScopeGuard(access, ledger);
    }

    /**
     * Sends the command and waits for it to be handled and its events appended.
     *
     * @param legalBasis decision reference the change rests on (may be null)
     * @param reason why (may be null)
     * @param effectiveDate the date the fact holds from (may be null)
     */
    public CommandResult send(Object command, String legalBasis, String reason, LocalDate effectiveDate) {
        return send(command, legalBasis, reason, effectiveDate, null);
    }

    /**
     * Sends one of several commands a single request makes. The ledger refuses a second commit under the same
     * idempotency key, so each command carries the request's key extended with {@code keySuffix}, which must be
     * unique within the request and the same whenever the request is repeated.
     */
    public CommandResult send(Object command, String legalBasis, String reason, LocalDate effectiveDate,
                              String keySuffix) {
        scopeGuard.check(command);
        Map<String, Object> metadata = new HashMap<>();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null) {
            metadata.put(MetadataKeys.ACTOR_ID, authentication.getName());
            metadata.put(MetadataKeys.ACTOR_ROLE, writeRole(authentication));
        }
        HttpServletRequest request = currentRequest();
        if (request != null) {
            Object key = request.getAttribute(IdempotencyFilter.KEY_ATTRIBUTE);
            if (key != null) {
                metadata.put(MetadataKeys.IDEMPOTENCY_KEY, keySuffix == null ? key : key + "#" + keySuffix);
            }
            String correlation = request.getHeader(CORRELATION_HEADER);
            metadata.put(MetadataKeys.CORRELATION_ID,
                    correlation != null && CORRELATION_SHAPE.matcher(correlation).matches() ? correlation : UUID.randomUUID().toString());
        }
        if (legalBasis != null) {
            metadata.put(MetadataKeys.LEGAL_BASIS, legalBasis);
        }
        if (reason != null) {
            metadata.put(MetadataKeys.REASON, reason);
        }
        if (effectiveDate != null) {
            metadata.put(MetadataKeys.EFFECTIVE_DATE, effectiveDate.toString());
        }
        Object result = gateway.sendAndWait(new GenericCommandMessage<>(command).andMetaData(MetaData.from(metadata)));
        if (result instanceof CommandResult commandResult) {
            return commandResult;
        }
        return new CommandResult(result, null);
    }

    /** The role under which a write is made: OFFICER when the user has it, otherwise ADMIN. */
    private static String writeRole(Authentication authentication) {
        String best = null;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String role = authority.getAuthority().replaceFirst("^ROLE_", "");
            if (role.equals("OFFICER")) {
                return role;
            }
            if (best == null || role.equals("ADMIN")) {
                best = role;
            }
        }
        return best;
    }

    private static HttpServletRequest currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        return null;
    }
}
