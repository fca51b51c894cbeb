package org.povertyledger.deploy.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.povertyledger.command.web.ProblemResponses;
import org.povertyledger.shared.common.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits failed sign-ins: each failure (a wrong user name or password over HTTP Basic, an invalid bearer token)
 * takes a token from the bucket of the user name it named and from the bucket of the client address. Once either
 * bucket is empty, a request carrying credentials for that name, or any credentials from that address, is answered
 * 429 problem+json with {@code Retry-After} <em>before</em> its password or token is checked, so guessing stops
 * rather than slows. A request without credentials is not a sign-in and is not limited here. A successful sign-in
 * restores nothing: buckets refill with time only, so one user's success never clears another's failures (nor a
 * shared address's). The buckets live where the other rate limits do ({@link RateLimitBuckets}: in the store when
 * nodes share one).
 *
 * <p>Refusals are counted in {@code povertyledger.http.rate_limited{kind=login,by}} and logged at INFO on
 * {@code povertyledger.access} with the user name tried and the address, never a password or token; failures are
 * counted in {@code povertyledger.http.failed_logins}.
 */
public final class FailedLoginLimit {

    private static final Logger LOG = LoggerFactory.getLogger("povertyledger.access");
    private static final String BASIC = "basic ";

    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final RateLimitBuckets buckets;
    private final long perUser;
    private final long perAddress;
    private final Duration period;

    FailedLoginLimit(ObjectMapper json, MeterRegistry meters, RateLimitBuckets buckets, long perUser, long perAddress,
                     Duration period) {
        if (perUser < 1 || perAddress < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("failed-login limits must be positive");
        }
        this.json = json;
        this.meters = meters;
        this.buckets = buckets;
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.period = period;
    }

    /** The filter that refuses sign-ins of an exhausted name or address; goes before the authentication filters. */
    public Filter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                if (request.getHeader(HttpHeaders.AUTHORIZATION) == null || !refused(request, response)) {
                    chain.doFilter(request, response);
                }
            }
        };
    }

    /** Records a failed sign-in of this request (called where authentication failures are answered 401). */
    public void failed(HttpServletRequest request) {
        meters.counter("povertyledger.http.failed_logins").increment();
        try {
            String user = basicUser(request);
            if (user != null) {
                userBucket(user).tryConsume(1);
            }
            addressBucket(request.getRemoteAddr()).tryConsume(1);
        } catch (MongoException unreachable) {
            meters.counter("povertyledger.http.rate_limit_store_errors").increment();
        }
    }

    private boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = basicUser(request);
        String address = request.getRemoteAddr();
        try {
            if (user != null && refuse(response, userBucket(user), "user", perUser, user, address)) {
                return true;
            }
            return refuse(response, addressBucket(address), "address", perAddress, user, address);
        } catch (MongoException unreachable) {
            meters.counter("povertyledger.http.rate_limit_store_errors").increment();
            return false;
        }
    }

    private boolean refuse(HttpServletResponse response, Bucket bucket, String by, long capacity, String user,
                           String address) throws IOException {
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        if (probe.canBeConsumed()) {
            return false;
        }
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        meters.counter("povertyledger.http.rate_limited", "kind", "login", "by", by).increment();
        LOG.info("sign-in refused: too many failed sign-ins by={} user={} address={} retryAfter={}s", by,
                user == null ? "-" : printable(user), address, retryAfter);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        ProblemResponses.write(json, response, HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED, by,
                "max-failed-logins:" + capacity + "/" + period,
                "too many failed sign-ins for this " + by + " (" + capacity + " per " + period + "); retry after "
                        + retryAfter + " s");
        return true;
    }

    private Bucket userBucket(String user) {
        return buckets.bucket("LOGIN/user:" + user, perUser, period);
    }

    private Bucket addressBucket(String address) {
        return buckets.bucket("LOGIN/address:" + address, perAddress, period);
    }

    /** The user name of HTTP Basic credentials; {@code null} for a bearer token or a malformed header. */
    static String basicUser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BASIC.length()
                || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /** A user name as it may go into a log line: no control characters (no forged lines), at most 64 characters. */
    private static String printable(String user) {
        String clean = user.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
