package org.povertyledger.deploy.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
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
 * Token-bucket rate limits (Bucket4j, in-process) on writes, imports and feed reads, each per authenticated user
 * and per client address: a request passes only if both its buckets have a token. A refusal is 429 problem+json
 * with {@code Retry-After} in whole seconds, and writes nothing (the filter runs before the idempotency filter and
 * every controller). Buckets are per node; behind a load balancer of {@code n} nodes a client gets up to {@code n}
 * times the limit. The address is the connection's peer unless the server is configured to trust forwarded headers
 * ({@code server.forward-headers-strategy}).
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

    /** Above this many buckets, full (idle) ones are dropped: they would only start full again. */
    private static final int MAX_BUCKETS = 100_000;

    private final ObjectMapper json;
    private final Map<Kind, Limit> limits;
    private final MeterRegistry meters;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(ObjectMapper json, Map<Kind, Limit> limits, MeterRegistry meters) {
        this.json = json;
        this.limits = Map.copyOf(limits);
        this.meters = meters;
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
        ConsumptionProbe probe = bucket(kind + "/" + who, capacity, period).tryConsumeAndReturnRemaining(1);
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

    private Bucket bucket(String key, long capacity, Duration period) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build());
    }
}
