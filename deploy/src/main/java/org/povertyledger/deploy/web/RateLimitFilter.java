package org.povertyledger.deploy.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoException;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.povertyledger.command.web.ProblemResponses;
import org.povertyledger.shared.common.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token-bucket rate limits (Bucket4j) on writes, imports and feed reads, each per authenticated user and per client
 * address: a request passes only if both its buckets have a token. A refusal is 429 problem+json with
 * {@code Retry-After} in whole seconds, and writes nothing (the filter runs before the idempotency filter and every
 * controller). The buckets are in the store when nodes share one ({@link StoreRateLimitBuckets}), so a client gets
 * its limit once, not once per node. The address is the connection's peer unless the server is configured to trust
 * forwarded headers ({@code server.forward-headers-strategy}). If the bucket store cannot be reached the request
 * passes (it meets the unreachable store further on and is answered 503 there).
 */
final class RateLimitFilter extends OncePerRequestFilter {

    /** The request classes that are limited. */
    enum Kind {
        WRITES, IMPORTS, FEED
    }

    /** One class's limits: requests per period for one user and for one address. */
    record Limit(long perUser, long perAddress, Duration period) {

        Limit {
            if (perUser < 1 || perAddress < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("rate limits must be positive");
            }
        }
    }

    private final ObjectMapper json;
    private final Map<Kind, Limit> limits;
    private final MeterRegistry meters;
    private final RateLimitBuckets buckets;

    RateLimitFilter(ObjectMapper json, Map<Kind, Limit> limits, MeterRegistry meters, RateLimitBuckets buckets) {
        this.json = json;
        this.limits = Map.copyOf(limits);
        this.meters = meters;
        this.buckets = buckets;
    }

    static Kind kindOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String method = request.getMethod();
        if (!uri.startsWith("/api/")) {
            return null;
        }
        boolean write = method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                || method.equals("DELETE");
        if (write && (uri.equals("/api/imports") || uri.startsWith("/api/imports/"))) {
            return Kind.IMPORTS;
        }
        if (write) {
            return Kind.WRITES;
        }
        if (uri.equals("/api/feed") || uri.startsWith("/api/feed/")) {
            return Kind.FEED;
        }
        return null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return kindOf(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Kind kind = kindOf(request);
        Limit limit = limits.get(kind);
        if (limit == null) {
            chain.doFilter(request, response);
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String user = authentication == null || !authentication.isAuthenticated() ? null : authentication.getName();
        String address = request.getRemoteAddr();
        if (user != null && refused(response, kind, "user", "user:" + user, limit.perUser(), limit.period())) {
            return;
        }
        if (refused(response, kind, "address", "address:" + address, limit.perAddress(), limit.period())) {
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean refused(HttpServletResponse response, Kind kind, String by, String who, long capacity,
                            Duration period) throws IOException {
        ConsumptionProbe probe;
        try {
            probe = buckets.bucket(kind + "/" + who, capacity, period).tryConsumeAndReturnRemaining(1);
        } catch (MongoException unreachable) {
            meters.counter("povertyledger.http.rate_limit_store_errors").increment();
            return false;
        }
        if (probe.isConsumed()) {
            return false;
        }
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        meters.counter("povertyledger.http.rate_limited", "kind", kind.name().toLowerCase(), "by", by).increment();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        ProblemResponses.write(json, response, HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED, by,
                "max-requests:" + capacity + "/" + period,
                "too many " + kind.name().toLowerCase() + " requests for this " + by + " (" + capacity + " per "
                        + period + "); retry after " + retryAfter + " s");
        return true;
    }
}
